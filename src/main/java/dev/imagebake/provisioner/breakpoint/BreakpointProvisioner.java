package dev.imagebake.provisioner.breakpoint;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.Ui;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Packer's {@code breakpoint}. Where Packer fails the build when there is no terminal to ask
 * ({@code Error asking for input: no available tty}), this says so and continues: a breakpoint is a
 * debugging aid, and a CI run of the same template should not break on it.
 */
final class BreakpointProvisioner implements Provisioner {
  static final String NO_TERMINAL = "Breakpoint skipped: no terminal to pause on";

  private final BreakpointConfig config;

  BreakpointProvisioner(BreakpointConfig config) {
    this.config = config;
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    Ui ui = ctx.ui();
    String note = config.note() == null ? "" : config.note();
    if (Boolean.TRUE.equals(config.disable())) {
      ui.say(
          note.isEmpty()
              ? "Breakpoint provisioner disabled; continuing..."
              : "Breakpoint provisioner with note \"" + note + "\" disabled; continuing...");
      return;
    }
    ui.say(
        note.isEmpty()
            ? "Pausing at breakpoint provisioner."
            : "Pausing at breakpoint provisioner with note \"" + note + "\".");
    // Asked on another thread so that an interrupt ends the wait even while the prompt blocks.
    CompletableFuture<Optional<String>> answer =
        CompletableFuture.supplyAsync(() -> ui.ask("Press enter to continue."), daemonExecutor());
    try (AutoCloseable unregister =
        ctx.cancellation()
            .onCancel(
                () ->
                    answer.completeExceptionally(
                        new CancelledException(ctx.cancellation().reason())))) {
      if (answer.get().isEmpty()) {
        ui.say(NO_TERMINAL);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CancelledException cancelled) {
        throw cancelled;
      }
      throw new IllegalStateException("Error asking for input: " + e.getCause().getMessage(), e);
    }
  }

  private static java.util.concurrent.Executor daemonExecutor() {
    return task -> {
      Thread t = new Thread(task, "breakpoint prompt");
      t.setDaemon(true);
      t.start();
    };
  }
}
