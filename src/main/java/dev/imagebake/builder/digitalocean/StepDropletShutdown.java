package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.time.Duration;
import java.util.Map;

/**
 * Packer's {@code stepShutdown}: asks the droplet to shut down, asks again every 20 s (a shutdown
 * action sometimes completes having done nothing), and waits for it to be off and unlocked, each
 * within {@code state_timeout}. As in Packer 1.6.6, a droplet that does not go off in time fails
 * the build.
 */
final class StepDropletShutdown implements Step {
  private static final Map<String, Object> SHUTDOWN = Map.of("type", "shutdown");

  private final DigitalOceanConfig config;

  StepDropletShutdown(DigitalOceanConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    DoClient api = Api.of(ctx, state);
    long id = state.require(DoState.DROPLET_ID);
    ctx.ui().say("Gracefully shutting down droplet...");
    try {
      api.dropletAction(id, SHUTDOWN, true);
      awaitOff(api, id);
      DoWaits.dropletUnlocked(api, id, config.stateTimeoutOrDefault());
    } catch (RuntimeException e) {
      throw Api.fail("Error shutting down droplet: ", e);
    }
  }

  private void awaitOff(DoClient api, long id) {
    Duration timeout = config.stateTimeoutOrDefault();
    long deadline = System.nanoTime() + timeout.toNanos();
    long resendEvery = api.tuning().shutdownResend().toNanos();
    long lastSent = System.nanoTime();
    while (true) {
      api.cancellation().throwIfCancelled();
      if ("off".equals(api.droplet(id).status())) {
        return;
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        throw new IllegalStateException("Timeout while waiting to for droplet to become 'off'");
      }
      if (now - lastSent >= resendEvery) {
        lastSent = now;
        try {
          api.dropletAction(id, SHUTDOWN, true);
        } catch (DoApiException e) {
          // Packer only logs a failed re-send; the wait decides.
        }
      }
      Duration pause = api.tuning().poll();
      long left = deadline - now;
      api.cancellation().sleep(pause.toNanos() < left ? pause : Duration.ofNanos(left));
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepShutdown";
  }
}
