package dev.imagebake.engine;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StepProvision;

/**
 * {@code -on-error=abort} and {@code run-cleanup-provisioner} (Packer's {@code abortStep}): after a
 * failure or an interrupt the step's cleanup is skipped, and said so; under {@code
 * run-cleanup-provisioner} the provisioning step's cleanup (the error-cleanup-provisioner) still
 * runs.
 */
record AbortOnError(Step inner, boolean cleanupProvisioner) implements PolicyStep {
  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    try {
      inner.run(ctx, state);
    } catch (Exception e) {
      // The runner keeps quiet about a provisioning failure (the build's "errored" line has it);
      // when aborting, Packer shows it where it happens.
      if (inner instanceof StepProvision && !ctx.cancellation().isCancelled()) {
        ctx.ui().error(StepRunner.messageOf(e));
        state.put(RunnerState.ERROR_REPORTED, true);
      }
      throw e;
    }
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    Aborting aborting = Aborting.announce(ctx, state);
    if (aborting == Aborting.NO || cleanupProvisioner && inner instanceof StepProvision) {
      inner.cleanup(ctx, state);
    } else {
      aborting.skip(ctx, state, name());
    }
  }
}
