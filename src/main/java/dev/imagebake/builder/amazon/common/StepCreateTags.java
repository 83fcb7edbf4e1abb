package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Tags every AMI and its snapshots with {@code tags}, and the snapshots with {@code snapshot_tags},
 * rendered with the source AMI's data.
 */
public final class StepCreateTags implements Step {
  private static final Set<String> NOT_YET_VISIBLE =
      Set.of("InvalidAMIID.NotFound", "InvalidSnapshot.NotFound");

  private final AmiConfig ami;

  public StepCreateTags(AmiConfig ami) {
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    Map<String, String> tags = Render.tags(ctx, state, ami.tags());
    Map<String, String> snapshotTags = Render.tags(ctx, state, ami.snapshotTags());
    if ((tags.isEmpty() && snapshotTags.isEmpty()) || Boolean.TRUE.equals(ami.skipCreateAmi())) {
      return;
    }
    AwsSession session = state.require(AmazonState.SESSION);
    Waits waits = state.require(AmazonState.WAITS);
    for (Map.Entry<String, String> e : state.require(AmazonState.IMAGES).finals().entrySet()) {
      Ec2Client ec2 = session.ec2(e.getKey());
      String id = e.getValue();
      ctx.ui().say("Adding tags to AMI (" + id + ")...");
      try {
        Image image =
            Retries.onCodes(
                waits,
                11,
                NOT_YET_VISIBLE,
                () -> ec2.describeImages(b -> b.imageIds(id)).images().get(0));
        List<String> snapshots = new ArrayList<>();
        for (BlockDeviceMapping m : image.blockDeviceMappings()) {
          if (m.ebs() != null && m.ebs().snapshotId() != null) {
            snapshots.add(m.ebs().snapshotId());
            ctx.ui().say("Tagging snapshot: " + m.ebs().snapshotId());
          }
        }
        if (!tags.isEmpty()) {
          ctx.ui().say("Creating AMI tags");
          List<String> resources = new ArrayList<>(List.of(id));
          resources.addAll(snapshots);
          Retries.onCodes(
              waits,
              11,
              NOT_YET_VISIBLE,
              () -> ec2.createTags(b -> b.resources(resources).tags(Render.sdkTags(tags))));
        }
        if (!snapshotTags.isEmpty() && !snapshots.isEmpty()) {
          ctx.ui().say("Creating snapshot tags");
          Retries.onCodes(
              waits,
              11,
              NOT_YET_VISIBLE,
              () -> ec2.createTags(b -> b.resources(snapshots).tags(Render.sdkTags(snapshotTags))));
        }
      } catch (RuntimeException ex) {
        throw new IllegalStateException(
            "Error adding tags to AMI (" + id + "): " + AwsErrors.describe(ex), ex);
      }
    }
  }
}
