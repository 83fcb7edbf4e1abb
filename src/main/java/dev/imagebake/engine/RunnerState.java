package dev.imagebake.engine;

import dev.imagebake.sdk.StateKey;

/**
 * What the {@link StepRunner} and the {@code -on-error} step decorators tell each other through the
 * state bag, as Packer's runner and its abort and ask steps do ({@code StateHalted}, {@code
 * StateCancelled}, {@code aborted}, {@code abort_step_logged}).
 */
final class RunnerState {
  /** The name of the step whose run failed; put by the runner before the cleanups. */
  static final StateKey<String> FAILED_STEP = StateKey.of("runner: failed step", String.class);

  /** Present when the run was interrupted; put by the runner before the cleanups. */
  static final StateKey<Boolean> CANCELLED = StateKey.of("runner: cancelled", Boolean.class);

  /** Present when the user answered "abort" to the ask prompt. */
  static final StateKey<Boolean> ASKED_ABORT = StateKey.of("runner: asked abort", Boolean.class);

  /** Present once the "..., aborting..." line was printed. */
  static final StateKey<Boolean> ABORT_LOGGED = StateKey.of("runner: abort logged", Boolean.class);

  /** Put by a decorator that printed the failed run's error itself. */
  static final StateKey<Boolean> ERROR_REPORTED =
      StateKey.of("runner: error reported", Boolean.class);

  /** Put by a decorator's cleanup that skipped the step's cleanup; the runner takes it back. */
  static final StateKey<Boolean> CLEANUP_SKIPPED =
      StateKey.of("runner: cleanup skipped", Boolean.class);

  private RunnerState() {}
}
