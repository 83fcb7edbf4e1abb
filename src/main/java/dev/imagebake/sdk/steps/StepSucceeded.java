package dev.imagebake.sdk.steps;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;

/**
 * A builder's last step: marks the build successful ({@link StateKeys#SUCCEEDED}), so the cleanups
 * keep what the build made (the AMIs, the output directory) instead of removing it.
 */
public final class StepSucceeded implements Step {
  @Override
  public void run(BuildContext ctx, StateBag state) {
    state.put(StateKeys.SUCCEEDED, true);
  }
}
