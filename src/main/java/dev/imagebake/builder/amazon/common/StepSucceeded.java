package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;

/** The last step: marks the build successful, so the cleanups keep the AMIs. */
public final class StepSucceeded implements Step {
  @Override
  public void run(BuildContext ctx, StateBag state) {
    state.put(AmazonState.SUCCEEDED, true);
  }
}
