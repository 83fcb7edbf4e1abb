package dev.imagebake.engine;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.Locale;

/**
 * {@code -on-error=ask} (Packer's {@code askStep}): a failed run prints its error and asks whether
 * to clean up, abort or retry; retry runs the step again, abort skips every cleanup as {@link
 * AbortOnError} does, clean up (also the answer without a terminal) cleans up.
 */
record AskOnError(Step inner) implements PolicyStep {
  private static final String PROMPT =
      "[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even"
          + " if retry succeeds)?";

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    while (true) {
      try {
        inner.run(ctx, state);
        return;
      } catch (Exception e) {
        if (ctx.cancellation().isCancelled()) {
          throw e;
        }
        ctx.ui().error(StepRunner.messageOf(e));
        state.put(RunnerState.ERROR_REPORTED, true);
        ctx.ui().say("Step \"" + name() + "\" failed");
        switch (ask(ctx)) {
          case 'r' -> {
            continue;
          }
          case 'a' -> state.put(RunnerState.ASKED_ABORT, true);
          default -> {}
        }
        throw e;
      }
    }
  }

  private static char ask(BuildContext ctx) {
    if (ctx.cancellation().isCancelled()) {
      return 'c';
    }
    while (true) {
      String line = ctx.ui().ask(PROMPT).orElse("");
      char choice = (line.toLowerCase(Locale.ROOT) + "c").charAt(0);
      if (choice == 'c' || choice == 'a' || choice == 'r') {
        return choice;
      }
      ctx.ui().say("Incorrect input: \"" + line + "\"");
    }
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    Aborting aborting =
        state.find(RunnerState.ASKED_ABORT).isPresent()
            ? Aborting.announce(ctx, state)
            : Aborting.NO;
    if (aborting == Aborting.NO) {
      inner.cleanup(ctx, state);
    } else {
      aborting.skip(ctx, state, name());
    }
  }
}
