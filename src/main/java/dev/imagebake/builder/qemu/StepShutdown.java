package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Packer's {@code stepShutdown}: runs {@code shutdown_command} and waits (at most {@code
 * shutdown_timeout}) for QEMU to exit; with {@code communicator: none} only waits; otherwise stops
 * QEMU. Uses {@link QemuState#VM} and the communicator.
 */
final class StepShutdown implements Step {
  private final QemuConfig config;

  StepShutdown(QemuConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    VmProcess vm = state.require(QemuState.VM);
    String command = config.shutdownCommand();
    Duration timeout = config.shutdownTimeoutOrDefault();
    if (command != null && !command.isEmpty() && !config.comm().type().equals("none")) {
      ctx.ui().say("Gracefully halting virtual machine...");
      Communicator comm = state.require(StateKeys.COMMUNICATOR);
      try {
        comm.run(RemoteCommand.of(command), OutputSink.of(ctx.ui()));
      } catch (CancelledException e) {
        // The guest went away under the command (its QEMU exited): that is the point.
        ctx.cancellation().throwIfCancelled();
      } catch (IOException e) {
        if (vm.isAlive()) {
          throw new IOException("Failed to send shutdown command: " + e.getMessage(), e);
        }
      }
      if (!awaitExit(ctx, vm, timeout)) {
        throw new IOException("Timeout while waiting for machine to shut down.");
      }
    } else if (config.comm().type().equals("none")) {
      ctx.ui().say("Waiting for shutdown...");
      if (!awaitExit(ctx, vm, timeout)) {
        throw new IOException("Failed to shutdown");
      }
    } else {
      ctx.ui().say("Halting the virtual machine...");
      if (!vm.stop(Duration.ofSeconds(5))) {
        throw new IOException(
            "Error stopping VM: QEMU (process " + vm.pid() + ") is still running");
      }
    }
    ctx.ui().message("VM shut down.");
  }

  /** Waits for QEMU's exit (an event, not a poll), the timeout, or an interrupt. */
  static boolean awaitExit(BuildContext ctx, VmProcess vm, Duration timeout) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    vm.onExit().thenRun(() -> done.complete(null));
    try (AutoCloseable cancel = ctx.cancellation().onCancel(() -> done.complete(null))) {
      done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return false;
    }
    ctx.cancellation().throwIfCancelled();
    return !vm.isAlive();
  }

  @Override
  public String name() {
    return "stepShutdown";
  }
}
