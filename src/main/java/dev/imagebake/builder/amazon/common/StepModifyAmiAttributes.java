package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/**
 * Launch permissions ({@code ami_users}, {@code ami_groups}), product codes and the description of
 * every AMI, and create-volume permissions ({@code snapshot_users}, {@code snapshot_groups}) of
 * their snapshots, one call per attribute as Packer does.
 */
public final class StepModifyAmiAttributes implements Step {
  private final AmiConfig ami;

  public StepModifyAmiAttributes(AmiConfig ami) {
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    List<String> users = ConfigRules.nonNull(ami.amiUsers());
    List<String> groups = ConfigRules.nonNull(ami.amiGroups());
    List<String> codes = ConfigRules.nonNull(ami.amiProductCodes());
    List<String> snapUsers = ConfigRules.nonNull(ami.snapshotUsers());
    List<String> snapGroups = ConfigRules.nonNull(ami.snapshotGroups());
    String description = Render.string(ctx, state, ami.amiDescription());
    boolean any =
        !users.isEmpty()
            || !groups.isEmpty()
            || !codes.isEmpty()
            || !snapUsers.isEmpty()
            || !snapGroups.isEmpty()
            || !ConfigRules.blank(description);
    if (!any || Boolean.TRUE.equals(ami.skipCreateAmi())) {
      return;
    }
    AwsSession session = state.require(AmazonState.SESSION);
    for (Map.Entry<String, String> e : state.require(AmazonState.IMAGES).finals().entrySet()) {
      Ec2Client ec2 = session.ec2(e.getKey());
      String id = e.getValue();
      ctx.ui().say("Modifying attributes on AMI (" + id + ")...");
      try {
        if (!ConfigRules.blank(description)) {
          ctx.ui().message("Modifying: description");
          ec2.modifyImageAttribute(b -> b.imageId(id).description(d -> d.value(description)));
        }
        if (!groups.isEmpty()) {
          ctx.ui().message("Modifying: groups");
          ec2.modifyImageAttribute(
              b ->
                  b.imageId(id)
                      .launchPermission(
                          p ->
                              p.add(
                                  groups.stream()
                                      .map(g -> LaunchPermission.builder().group(g).build())
                                      .toList())));
        }
        if (!users.isEmpty()) {
          ctx.ui().message("Modifying: users");
          ec2.modifyImageAttribute(
              b ->
                  b.imageId(id)
                      .launchPermission(
                          p ->
                              p.add(
                                  users.stream()
                                      .map(u -> LaunchPermission.builder().userId(u).build())
                                      .toList())));
        }
        if (!codes.isEmpty()) {
          ctx.ui().message("Modifying: product codes");
          ec2.modifyImageAttribute(b -> b.imageId(id).productCodes(codes));
        }
        if (!snapUsers.isEmpty() || !snapGroups.isEmpty()) {
          Image image = ec2.describeImages(b -> b.imageIds(id)).images().get(0);
          for (BlockDeviceMapping m : image.blockDeviceMappings()) {
            if (m.ebs() == null || m.ebs().snapshotId() == null) {
              continue;
            }
            String snap = m.ebs().snapshotId();
            ctx.ui().message("Modifying: snapshot users and groups of " + snap);
            ec2.modifySnapshotAttribute(
                b ->
                    b.snapshotId(snap)
                        .attribute("createVolumePermission")
                        .operationType("add")
                        .createVolumePermission(
                            p ->
                                p.add(
                                    java.util.stream.Stream.concat(
                                            snapUsers.stream()
                                                .map(
                                                    u ->
                                                        CreateVolumePermission.builder()
                                                            .userId(u)
                                                            .build()),
                                            snapGroups.stream()
                                                .map(
                                                    g ->
                                                        CreateVolumePermission.builder()
                                                            .group(g)
                                                            .build()))
                                        .toList())));
          }
        }
      } catch (RuntimeException ex) {
        throw new IllegalStateException(
            "Error modify AMI attributes: " + AwsErrors.describe(ex), ex);
      }
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "StepModifyAMIAttributes";
  }
}
