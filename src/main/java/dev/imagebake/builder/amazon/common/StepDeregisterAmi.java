package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * {@code force_deregister}: deregisters the account's AMIs named {@code ami_name} in the build
 * region and {@code ami_regions}, and with {@code force_delete_snapshot} their snapshots.
 */
public final class StepDeregisterAmi implements Step {
  private final AmiConfig ami;

  public StepDeregisterAmi(AmiConfig ami) {
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (!Boolean.TRUE.equals(ami.forceDeregister()) || Boolean.TRUE.equals(ami.skipCreateAmi())) {
      return;
    }
    AwsSession session = state.require(AmazonState.SESSION);
    String name = Render.string(ctx, state, ami.amiName());
    Set<String> regions = new LinkedHashSet<>();
    regions.add(session.buildRegion());
    regions.addAll(ConfigRules.nonNull(ami.amiRegions()));
    for (String region : regions) {
      Ec2Client ec2 = session.ec2(region);
      for (Image image :
          ec2.describeImages(
                  b -> b.owners("self").filters(Filter.builder().name("name").values(name).build()))
              .images()) {
        ec2.deregisterImage(b -> b.imageId(image.imageId()));
        ctx.ui().say("Deregistered AMI " + name + ", id: " + image.imageId());
        if (Boolean.TRUE.equals(ami.forceDeleteSnapshot())) {
          for (BlockDeviceMapping m : image.blockDeviceMappings()) {
            if (m.ebs() != null && m.ebs().snapshotId() != null) {
              ec2.deleteSnapshot(b -> b.snapshotId(m.ebs().snapshotId()));
              ctx.ui().say("Deleted snapshot: " + m.ebs().snapshotId());
            }
          }
        }
      }
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "StepDeregisterAMI";
  }
}
