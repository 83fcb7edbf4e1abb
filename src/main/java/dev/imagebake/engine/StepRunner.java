package dev.imagebake.engine;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.steps.StateKeys;
import dev.imagebake.sdk.steps.StepProvision;
import dev.imagebake.ui.StepStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Packer's multistep runner with its {@code -on-error} and {@code -debug} wrappers: runs steps in
 * order, then cleans up every entered step in reverse, the failed one included, unless the policy
 * says abort. A second interrupt skips the cleanups not yet started.
 */
final class StepRunner {
  private static final String ASK_PROMPT =
      "[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even"
          + " if retry succeeds)?";

  private final EngineBuildContext ctx;
  private final OnError policy;
  private final Ui ui;
  private Choice lastChoice;

  StepRunner(EngineBuildContext ctx) {
    this.ctx = ctx;
    this.policy = ctx.services().options().onError();
    this.ui = ctx.ui();
  }

  private record Entered(Step step, int slot) {}

  private enum Choice {
    CLEANUP,
    ABORT,
    RETRY
  }

  void run(List<Step> steps, StateBag state) throws StepFailedException {
    Deque<Entered> entered = new ArrayDeque<>();
    Step failed = null;
    Exception failure = null;
    boolean cancelled = false;
    boolean abort = false;
    for (Step step : steps) {
      if (ctx.cancellation().isCancelled()) {
        cancelled = true;
        break;
      }
      int slot = ctx.log().started(step.name());
      entered.push(new Entered(step, slot));
      Exception error = runWithAsk(step, slot, state);
      if (error == null) {
        debugPause("Pausing after run of step '" + step.name() + "'. Press enter to continue.");
        continue;
      }
      if (ctx.cancellation().isCancelled()) {
        cancelled = true;
      } else {
        failed = step;
        failure = error;
        abort = policy != OnError.CLEANUP && policy != OnError.ASK || lastChoice == Choice.ABORT;
      }
      break;
    }
    if (cancelled && policy != OnError.CLEANUP && policy != OnError.ASK) {
      abort = true;
    }
    cleanUp(entered, state, abort, cancelled, failed);
    if (cancelled) {
      throw new CancelledException(ctx.cancellation().reason());
    }
    if (failure != null) {
      String message = state.find(StateKeys.FAILURE_MESSAGE).orElse(messageOf(failure));
      throw new StepFailedException(failed.name(), message, failure);
    }
  }

  /** Runs a step; on failure reports it and, under {@code ask}, retries while told to. */
  private Exception runWithAsk(Step step, int slot, StateBag state) {
    while (true) {
      long start = System.nanoTime();
      try {
        step.run(ctx, state);
        ctx.log().finished(slot, since(start), StepStatus.OK);
        return null;
      } catch (Exception e) {
        // Whatever a step throws once the build is cancelled (a closed session's IOException, say)
        // is the cancellation's doing, not a failure to report or ask about.
        if (ctx.cancellation().isCancelled()) {
          ctx.log().finished(slot, since(start), StepStatus.CANCELLED);
          return e;
        }
        ctx.log().finished(slot, since(start), StepStatus.FAILED);
        if (!reportAndAskRetry(step, e)) {
          return e;
        }
      }
    }
  }

  /** Prints the error; returns true when the user chose to retry the step. */
  private boolean reportAndAskRetry(Step step, Exception e) {
    // Packer's provisioning step does not print its error under -on-error=cleanup (the build's
    // "errored" line carries it); every other failure is shown where it happens.
    if (policy != OnError.CLEANUP || !isProvisioning(step)) {
      ui.error(messageOf(e));
    }
    switch (policy) {
      case ASK -> {
        ui.say("Step \"" + step.name() + "\" failed");
        lastChoice = ctx.cancellation().isCancelled() ? Choice.CLEANUP : ask();
        return lastChoice == Choice.RETRY;
      }
      default -> {
        return false;
      }
    }
  }

  private Choice ask() {
    while (true) {
      String line = ui.ask(ASK_PROMPT).orElse("");
      String input = line.toLowerCase(Locale.ROOT) + "c";
      switch (input.charAt(0)) {
        case 'c':
          return Choice.CLEANUP;
        case 'a':
          return Choice.ABORT;
        case 'r':
          return Choice.RETRY;
        default:
          ui.say("Incorrect input: \"" + line + "\"");
      }
    }
  }

  private void cleanUp(
      Deque<Entered> entered, StateBag state, boolean abort, boolean cancelled, Step failed) {
    EngineBuildContext cleanupCtx = ctx.withCancellation(ctx.services().interrupts().cleanups());
    if (abort) {
      ui.error(
          cancelled
              ? "Interrupted, aborting..."
              : "Step \"" + failed.name() + "\" failed, aborting...");
    }
    // Packer names neither the failed step nor, on interrupt, the last one as skipped.
    Step unnamed = cancelled ? (entered.isEmpty() ? null : entered.peek().step()) : failed;
    for (Entered e : entered) {
      String name = e.step().name();
      if (abort && !(policy == OnError.RUN_CLEANUP_PROVISIONER && isProvisioning(e.step()))) {
        if (e.step() != unnamed) {
          ui.error("aborted: skipping cleanup of step \"" + name + "\"");
        }
        ctx.log().cleaned(e.slot(), null);
        continue;
      }
      if (cleanupCtx.cancellation().isCancelled()) {
        ui.error("Interrupted again: skipping cleanup of step \"" + name + "\"");
        ctx.log().cleaned(e.slot(), null);
        continue;
      }
      debugPause("Pausing before cleanup of step '" + name + "'. Press enter to continue.");
      long start = System.nanoTime();
      try {
        e.step().cleanup(cleanupCtx, state);
      } catch (RuntimeException ex) {
        // The contract says cleanups never throw; one that does must not stop the others.
        ui.error("Cleanup of step \"" + name + "\" failed: " + messageOf(ex));
      }
      ctx.log().cleaned(e.slot(), since(start));
    }
  }

  /** The step whose cleanup runs the error-cleanup-provisioner under run-cleanup-provisioner. */
  static boolean isProvisioning(Step step) {
    return step instanceof StepProvision;
  }

  private void debugPause(String message) {
    if (ctx.debug()) {
      ui.ask(message);
    }
  }

  static String messageOf(Throwable e) {
    return StepFailedException.messageOf(e);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
