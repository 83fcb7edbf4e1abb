package dev.imagebake.engine;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;

/**
 * The lines an aborting build prints (Packer's {@code handleAbortsAndInterupts}): one "...,
 * aborting..." before the first cleanup, then one "skipping" line for every later step whose
 * cleanup is skipped. The first step cleaned (the failed one, or the last one entered on an
 * interrupt) is the header's own and is not named again.
 */
enum Aborting {
  /** The run succeeded: clean up as usual. */
  NO,
  /** Aborting, and this is the first cleanup: the header was just printed. */
  FIRST,
  /** Aborting, after the first cleanup. */
  LATER;

  /** Whether the run halted or was interrupted; prints the header the first time. */
  static Aborting announce(BuildContext ctx, StateBag state) {
    boolean cancelled = state.find(RunnerState.CANCELLED).isPresent();
    var failed = state.find(RunnerState.FAILED_STEP);
    if (!cancelled && failed.isEmpty()) {
      return NO;
    }
    if (state.find(RunnerState.ABORT_LOGGED).isPresent()) {
      return LATER;
    }
    state.put(RunnerState.ABORT_LOGGED, true);
    ctx.ui()
        .error(
            cancelled
                ? "Interrupted, aborting..."
                : "Step \"" + failed.get() + "\" failed, aborting...");
    return FIRST;
  }

  /** Skips a cleanup, and says so unless this is the first one. */
  void skip(BuildContext ctx, StateBag state, String step) {
    if (this == LATER) {
      ctx.ui().error("aborted: skipping cleanup of step \"" + step + "\"");
    }
    state.put(RunnerState.CLEANUP_SKIPPED, true);
  }
}
