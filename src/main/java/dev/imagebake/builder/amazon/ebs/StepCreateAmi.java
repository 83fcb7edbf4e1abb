package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.builder.amazon.common.AmazonState;
import dev.imagebake.builder.amazon.common.AmiConfig;
import dev.imagebake.builder.amazon.common.AwsErrors;
import dev.imagebake.builder.amazon.common.AwsSession;
import dev.imagebake.builder.amazon.common.BlockDevices;
import dev.imagebake.builder.amazon.common.Ec2Resources;
import dev.imagebake.builder.amazon.common.ImageRollback;
import dev.imagebake.builder.amazon.common.MadeImage;
import dev.imagebake.builder.amazon.common.MadeImages;
import dev.imagebake.builder.amazon.common.Render;
import dev.imagebake.builder.amazon.common.Waits;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;

/**
 * Creates the AMI from the instance and waits until it is available. The AMI is recorded in {@link
 * AmazonState#IMAGES} by name before CreateImage; unless the build succeeded, the cleanup
 * deregisters every AMI of the build (copies and intermediaries included) and deletes their
 * snapshots.
 */
final class StepCreateAmi implements Step {
  private final AmiConfig ami;

  StepCreateAmi(AmiConfig ami) {
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (Boolean.TRUE.equals(ami.skipCreateAmi())) {
      ctx.ui().say("Skipping AMI creation...");
      return;
    }
    AwsSession session = state.require(AmazonState.SESSION);
    Ec2Client ec2 = session.ec2();
    Waits waits = state.require(AmazonState.WAITS);
    String instanceId = state.require(AmazonState.INSTANCE_ID);
    boolean intermediary =
        Boolean.TRUE.equals(ami.encryptBoot()) || Boolean.TRUE.equals(ami.skipSaveBuildRegion());
    String name =
        intermediary
            ? "packer-intermediary-" + UUID.randomUUID().toString().substring(0, 7)
            : Render.string(ctx, state, ami.amiName());
    String description = Render.string(ctx, state, ami.amiDescription());
    MadeImage made = new MadeImage(session.buildRegion(), name, null, intermediary);
    state.put(
        AmazonState.IMAGES, state.find(AmazonState.IMAGES).orElse(MadeImages.none()).with(made));
    ctx.resources().created(Ec2Resources.image(made));
    ctx.ui().say("Creating AMI " + name + " from instance " + instanceId);
    List<BlockDeviceMapping> mappings = BlockDevices.mappings(ami.amiBlockDeviceMappings());
    String id = null;
    for (int attempt = 1; id == null; attempt++) {
      try {
        id =
            ec2.createImage(
                    b ->
                        b.instanceId(instanceId)
                            .name(name)
                            .description(description)
                            .blockDeviceMappings(mappings))
                .imageId();
      } catch (RuntimeException e) {
        boolean notReady =
            AwsErrors.code(e).equals("InvalidParameterValue")
                && String.valueOf(AwsErrors.describe(e)).contains("Instance is not in state");
        if (!notReady || attempt >= waits.polling().maxAttempts()) {
          throw new IllegalStateException("Error creating AMI: " + AwsErrors.describe(e), e);
        }
        waits.pause();
      }
    }
    ctx.resources().replace(Ec2Resources.image(made), Ec2Resources.image(made.withId(id)), null);
    made = made.withId(id);
    state.put(AmazonState.IMAGES, state.require(AmazonState.IMAGES).with(made));
    ctx.ui().message("AMI: " + id);
    ctx.ui().say("Waiting for AMI to become ready...");
    waits.imageAvailable(ec2, id);
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    List<MadeImage> images =
        state.find(AmazonState.IMAGES).map(MadeImages::images).orElse(List.of());
    if (state.find(AmazonState.SUCCEEDED).orElse(false)) {
      // The AMIs are the artifact now: no longer the build's to delete.
      images.forEach(i -> ctx.resources().deleted(Ec2Resources.image(i)));
      return;
    }
    if (images.isEmpty()) {
      return;
    }
    ctx.ui()
        .say(
            "Deregistering the AMI and deleting associated snapshots because of cancellation, or"
                + " error...");
    AwsSession session = state.require(AmazonState.SESSION);
    for (MadeImage image : images) {
      try {
        ImageRollback.delete(session.ec2(image.region()), image, ctx.resources());
      } catch (RuntimeException e) {
        ctx.ui()
            .error(
                "Error deregistering AMI, may still be around: "
                    + (image.id() == null ? image.name() : image.id())
                    + " in "
                    + image.region()
                    + " ("
                    + AwsErrors.describe(e)
                    + ")");
      }
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepCreateAMI";
  }
}
