package dev.imagebake.engine;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import dev.imagebake.sdk.steps.StateKeys;
import dev.imagebake.sdk.steps.StepProvision;
import dev.imagebake.ui.StepStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Packer's basic multistep runner: runs the steps in order, stops at the first failure or
 * interrupt, then cleans up every entered step in reverse, the failed one included. The {@code
 * -on-error} policies are step decorators ({@link OnError#decorate}) that read what the runner puts
 * in the state bag ({@link RunnerState}); {@code -debug} pauses around each step. A second
 * interrupt (the cleanups' own cancellation) skips the cleanups not yet started.
 */
public final class StepRunner {
  private final StepTimings timings;
  private final Cancellation cleanups;
  private final Runnable afterSkippedCleanups;

  /**
   * @param timings where each step's times go
   * @param cleanups the cleanups' cancellation (a second interrupt)
   * @param afterSkippedCleanups run when that second interrupt skipped cleanups
   */
  public StepRunner(StepTimings timings, Cancellation cleanups, Runnable afterSkippedCleanups) {
    this.timings = timings;
    this.cleanups = cleanups;
    this.afterSkippedCleanups = afterSkippedCleanups;
  }

  /** A runner that records no timings and whose cleanups are never interrupted. */
  public static StepRunner plain() {
    return new StepRunner(StepTimings.NONE, Cancellation.never(), () -> {});
  }

  private record Entered(Step step, int slot) {}

  /**
   * Runs {@code steps} in {@code ctx}, then their cleanups.
   *
   * @throws CancelledException when {@code ctx}'s cancellation fired
   * @throws StepFailedException when a step failed, with its message (or the one a cleanup put in
   *     {@link StateKeys#FAILURE_MESSAGE})
   */
  public void run(BuildContext ctx, List<Step> steps, StateBag state) throws StepFailedException {
    Deque<Entered> entered = new ArrayDeque<>();
    Step failed = null;
    Exception failure = null;
    for (Step step : steps) {
      if (ctx.cancellation().isCancelled()) {
        break;
      }
      int slot = timings.started(step.name());
      entered.push(new Entered(step, slot));
      long start = System.nanoTime();
      try {
        step.run(ctx, state);
        timings.finished(slot, since(start), StepStatus.OK);
        debugPause(
            ctx, "Pausing after run of step '" + step.name() + "'. Press enter to continue.");
        continue;
      } catch (Exception e) {
        // Whatever a step throws once the build is cancelled (a closed session's IOException, say)
        // is the cancellation's doing, not a failure to report.
        if (ctx.cancellation().isCancelled()) {
          timings.finished(slot, since(start), StepStatus.CANCELLED);
        } else {
          timings.finished(slot, since(start), StepStatus.FAILED);
          failed = step;
          failure = e;
          report(ctx, state, step, e);
        }
      }
      break;
    }
    boolean cancelled = failed == null && ctx.cancellation().isCancelled();
    if (cancelled) {
      state.put(RunnerState.CANCELLED, true);
    } else if (failed != null) {
      state.put(RunnerState.FAILED_STEP, failed.name());
    }
    cleanUp(ctx, entered, state);
    if (cleanups.isCancelled()) {
      afterSkippedCleanups.run();
    }
    if (cancelled) {
      throw new CancelledException(ctx.cancellation().reason());
    }
    if (failure != null) {
      String message = state.find(StateKeys.FAILURE_MESSAGE).orElse(messageOf(failure));
      throw new StepFailedException(failed.name(), message, failure);
    }
  }

  /**
   * Shows a failure where it happens, unless a decorator did. Packer's provisioning step does not
   * print its error under the default policy: the build's "errored" line carries it.
   */
  private static void report(BuildContext ctx, StateBag state, Step step, Exception e) {
    if (state.find(RunnerState.ERROR_REPORTED).isEmpty()
        && !(PolicyStep.unwrap(step) instanceof StepProvision)) {
      ctx.ui().error(messageOf(e));
    }
  }

  private void cleanUp(BuildContext ctx, Deque<Entered> entered, StateBag state) {
    BuildContext cleanupCtx = ctx.withCancellation(cleanups);
    for (Entered e : entered) {
      String name = e.step().name();
      if (cleanups.isCancelled()) {
        ctx.ui().error("Interrupted again: skipping cleanup of step \"" + name + "\"");
        timings.cleaned(e.slot(), null);
        continue;
      }
      debugPause(ctx, "Pausing before cleanup of step '" + name + "'. Press enter to continue.");
      long start = System.nanoTime();
      try {
        e.step().cleanup(cleanupCtx, state);
      } catch (RuntimeException ex) {
        // The contract says cleanups never throw; one that does must not stop the others.
        ctx.ui().error("Cleanup of step \"" + name + "\" failed: " + messageOf(ex));
      }
      boolean skipped = state.find(RunnerState.CLEANUP_SKIPPED).isPresent();
      state.remove(RunnerState.CLEANUP_SKIPPED);
      timings.cleaned(e.slot(), skipped ? null : since(start));
    }
  }

  private static void debugPause(BuildContext ctx, String message) {
    if (ctx.debug()) {
      ctx.ui().ask(message);
    }
  }

  static String messageOf(Throwable e) {
    return StepFailedException.messageOf(e);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
