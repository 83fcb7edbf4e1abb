package dev.imagebake.engine;

import dev.imagebake.sdk.CancellationToken;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.go.GoDuration;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The template's provisioners for one build, with Packer's decorators: {@code -debug} pause once,
 * then up to {@code max_retries + 1} attempts, each with {@code pause_before} and then {@code
 * timeout}. Unlike Packer, a timeout is honoured together with {@code pause_before}, and it stops
 * what the provisioner runs on the machine: the provisioner gets a communicator bound to its own
 * cancellation ({@link Communicator#withCancellation}), not the build's.
 */
final class TemplateProvisionHook implements ProvisionHook {
  private final EngineBuildContext ctx;
  private final CancellationToken build;
  private final List<PlannedProvisioner> provisioners;
  private final PlannedProvisioner errorCleanup;

  TemplateProvisionHook(EngineBuildContext ctx, CancellationToken build) {
    this.ctx = ctx;
    this.build = build;
    this.provisioners = ctx.plan().provisioners();
    this.errorCleanup = ctx.plan().errorCleanupProvisioner();
  }

  @Override
  public void provision(Communicator comm, Map<String, String> buildData) throws Exception {
    Map<String, String> data = withRunUuid(buildData);
    for (PlannedProvisioner p : provisioners) {
      runDecorated(p, comm, data);
    }
  }

  @Override
  public void provisionErrorCleanup(Communicator comm, Map<String, String> buildData)
      throws Exception {
    if (errorCleanup != null) {
      runDecorated(errorCleanup, comm, withRunUuid(buildData));
    }
  }

  private Map<String, String> withRunUuid(Map<String, String> buildData) {
    Map<String, String> data = new HashMap<>(buildData);
    data.putIfAbsent("PackerRunUUID", ctx.runUuid());
    return Map.copyOf(data);
  }

  private void runDecorated(PlannedProvisioner p, Communicator comm, Map<String, String> data)
      throws Exception {
    Ui ui = ctx.ui();
    if (ctx.debug()) {
      ui.ask("Pausing before the next provisioner . Press enter to continue.");
    }
    int attempts = Math.max(0, p.maxRetries()) + 1;
    for (int attempt = 1; ; attempt++) {
      build.throwIfCancelled();
      try {
        runOnce(p, comm, data);
        return;
      } catch (Exception e) {
        // An interrupt is never retried; a timeout (a child token) is.
        if (build.isCancelled() || !retry(attempt, attempts, e)) {
          throw e;
        }
      }
    }
  }

  /** Packer's RetriedProvisioner messages; true when another attempt follows. */
  private boolean retry(int attempt, int attempts, Exception e) {
    if (attempts == 1) {
      return false;
    }
    if (attempt == attempts) {
      ctx.ui().say("retry limit reached.");
      return false;
    }
    ctx.ui()
        .say(
            "Provisioner failed with \""
                + StepRunner.messageOf(e)
                + "\", retrying with "
                + (attempts - attempt)
                + " trie(s) left");
    return true;
  }

  private void runOnce(PlannedProvisioner p, Communicator comm, Map<String, String> data)
      throws Exception {
    Ui ui = ctx.ui();
    Duration pause = p.pauseBefore() == null ? Duration.ZERO : p.pauseBefore();
    if (pause.compareTo(Duration.ZERO) > 0) {
      ui.say("Pausing " + GoDuration.format(pause) + " before the next provisioner...");
      build.sleep(pause);
    }
    Duration timeout = p.timeout() == null ? Duration.ZERO : p.timeout();
    if (timeout.compareTo(Duration.ZERO) <= 0) {
      p.provisioner().provision(ctx.withCancellation(build), comm.withCancellation(build), data);
      return;
    }
    String limit = GoDuration.format(timeout);
    ui.say("Setting a " + limit + " timeout for the next provisioner...");
    AtomicBoolean timedOut = new AtomicBoolean();
    try (CancellationToken scoped = build.child()) {
      ScheduledFuture<?> timer =
          ctx.services()
              .timers()
              .schedule(
                  () -> {
                    timedOut.set(true);
                    ui.error("Cancelling provisioner after a timeout...");
                    scoped.cancel("provisioner timed out after " + limit);
                  },
                  timeout.toNanos(),
                  TimeUnit.NANOSECONDS);
      try {
        // The communicator too: a timeout must stop the remote command, not only the wait.
        p.provisioner()
            .provision(ctx.withCancellation(scoped), comm.withCancellation(scoped), data);
      } catch (CancelledException e) {
        if (timedOut.get() && !build.isCancelled()) {
          throw new ProvisionerTimeoutException(limit);
        }
        throw e;
      } finally {
        timer.cancel(false);
      }
      if (timedOut.get()) {
        // It ignored the cancellation and finished late: still a timeout, not a success.
        throw new ProvisionerTimeoutException(limit);
      }
    }
  }

  /** A provisioner outlived its {@code timeout}; retried like any failure. */
  static final class ProvisionerTimeoutException extends Exception {
    ProvisionerTimeoutException(String limit) {
      super("provisioner timed out after " + limit);
    }
  }
}
