package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.StateKey;

/** What the digitalocean steps pass to each other. */
final class DoState {
  static final StateKey<DoClient> CLIENT = StateKey.of("DigitalOcean client", DoClient.class);

  /** The temporary SSH key; produced by {@link StepDropletSshKey}. */
  static final StateKey<TempSshKey> SSH_KEY = StateKey.of("temporary SSH key", TempSshKey.class);

  /** The droplet's id; produced by {@link StepCreateDroplet}. */
  static final StateKey<Long> DROPLET_ID = StateKey.of("droplet id", Long.class);

  /** The address to connect to; produced by {@link StepDropletInfo}. */
  static final StateKey<String> DROPLET_IP = StateKey.of("droplet ip", String.class);

  /** The snapshot made; produced by {@link StepDropletSnapshot}. */
  static final StateKey<MadeSnapshot> SNAPSHOT = StateKey.of("snapshot", MadeSnapshot.class);

  private DoState() {}
}
