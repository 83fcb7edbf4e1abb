package dev.imagebake.engine;

import dev.imagebake.sdk.Step;

/**
 * A step wrapped by an {@code -on-error} policy (Packer's {@code abortStep} and {@code askStep}):
 * the policy lives in the wrapper's run and cleanup, so the {@link StepRunner} stays Packer's basic
 * runner.
 */
sealed interface PolicyStep extends Step permits AbortOnError, AskOnError {
  /** The wrapped step. */
  Step inner();

  @Override
  default String name() {
    return inner().name();
  }

  /** {@code step} without its policy wrapper. */
  static Step unwrap(Step step) {
    return step instanceof PolicyStep p ? p.inner() : step;
  }
}
