package dev.imagebake.builder.file;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;

/**
 * Stands in for the SDK's connect step: there is no machine, so the provisioners that follow get a
 * {@link NoMachineCommunicator}. Produces {@link StateKeys#COMMUNICATOR}.
 */
final class StepNoMachine implements Step {
  @Override
  public void run(BuildContext ctx, StateBag state) {
    state.put(StateKeys.COMMUNICATOR, new NoMachineCommunicator(ctx.ui()));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state.remove(StateKeys.COMMUNICATOR);
  }
}
