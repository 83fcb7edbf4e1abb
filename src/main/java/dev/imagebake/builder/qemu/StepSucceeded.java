package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;

/** The last step: marks the build successful, so the cleanups keep the output directory. */
final class StepSucceeded implements Step {
  @Override
  public void run(BuildContext ctx, StateBag state) {
    state.put(QemuState.SUCCEEDED, true);
  }
}
