package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Droplet;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;

/**
 * Packer's {@code stepDropletInfo}: waits for the droplet to be active (within {@code
 * state_timeout}) and picks the address to connect to: its public IPv4, or its private one with
 * {@code connect_with_private_ip}. Produces {@link DoState#DROPLET_IP}.
 */
final class StepDropletInfo implements Step {
  private final DigitalOceanConfig config;

  StepDropletInfo(DigitalOceanConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    DoClient api = Api.of(ctx, state);
    long id = state.require(DoState.DROPLET_ID);
    ctx.ui().say("Waiting for droplet to become active...");
    try {
      DoWaits.dropletState(api, id, "active", config.stateTimeoutOrDefault());
    } catch (RuntimeException e) {
      throw Api.fail("Error waiting for droplet to become active: ", e);
    }
    Droplet droplet;
    try {
      droplet = api.droplet(id);
    } catch (RuntimeException e) {
      throw Api.fail("Error retrieving droplet: ", e);
    }
    if (!droplet.hasIpv4()) {
      throw new IllegalStateException("IPv4 address not found for droplet");
    }
    String ip = droplet.ipv4(config.connectWithPrivateIpOn() ? "private" : "public");
    if (ip == null) {
      // Packer's wording, typo included.
      throw new IllegalStateException("Count not find a public IPv4 address for this droplet");
    }
    state.put(DoState.DROPLET_IP, ip);
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepDropletInfo";
  }
}
