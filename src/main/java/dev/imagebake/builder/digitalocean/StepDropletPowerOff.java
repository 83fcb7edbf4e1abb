package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Droplet;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.Map;

/**
 * Packer's {@code stepPowerOff}: pulls the plug when the droplet is not off yet, then waits for it
 * to be off and unlocked within {@code state_timeout}.
 */
final class StepDropletPowerOff implements Step {
  private final DigitalOceanConfig config;

  StepDropletPowerOff(DigitalOceanConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    DoClient api = Api.of(ctx, state);
    long id = state.require(DoState.DROPLET_ID);
    Droplet droplet;
    try {
      droplet = api.droplet(id);
    } catch (RuntimeException e) {
      throw Api.fail("Error checking droplet state: ", e);
    }
    if ("off".equals(droplet.status())) {
      return;
    }
    ctx.ui().say("Forcefully shutting down Droplet...");
    try {
      api.dropletAction(id, Map.of("type", "power_off"), true);
    } catch (RuntimeException e) {
      throw Api.fail("Error powering off droplet: ", e);
    }
    // Packer reports this wait's failure as it is, without a prefix.
    DoWaits.dropletState(api, id, "off", config.stateTimeoutOrDefault());
    try {
      DoWaits.dropletUnlocked(api, id, config.stateTimeoutOrDefault());
    } catch (RuntimeException e) {
      throw Api.fail("Error powering off droplet: ", e);
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepPowerOff";
  }
}
