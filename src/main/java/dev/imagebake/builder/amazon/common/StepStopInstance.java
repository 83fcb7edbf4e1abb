package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Stops the instance (unless {@code disable_stop_instance}: then the guest must stop itself) and
 * waits until it is stopped. Not used for spot instances, which cannot be stopped.
 */
public final class StepStopInstance implements Step {
  private final RunConfig run;

  public StepStopInstance(RunConfig run) {
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    Waits waits = state.require(AmazonState.WAITS);
    String id = state.require(AmazonState.INSTANCE_ID);
    if (Boolean.TRUE.equals(run.disableStopInstance())) {
      ctx.ui().say("Automatic instance stop disabled. Please stop instance manually.");
    } else {
      ctx.ui().say("Stopping the source instance...");
      ctx.ui().message("Stopping instance");
      try {
        Retries.onCodes(
            waits,
            6,
            Set.of("InvalidInstanceID.NotFound"),
            () -> ec2.stopInstances(b -> b.instanceIds(id)));
      } catch (RuntimeException e) {
        throw new IllegalStateException("Error stopping instance: " + AwsErrors.describe(e), e);
      }
    }
    ctx.ui().say("Waiting for the instance to stop...");
    waits.instanceStopped(ec2, id);
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "StepStopEBSBackedInstance";
  }
}
