package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.StateKey;

/** What the openstack steps pass to each other. */
final class OsState {
  static final StateKey<OsClient> CLIENT = StateKey.of("openstack client", OsClient.class);
  static final StateKey<OsWaits> WAITS = StateKey.of("openstack waits", OsWaits.class);
  static final StateKey<String> FLAVOR_ID = StateKey.of("flavor id", String.class);
  static final StateKey<String> SOURCE_IMAGE = StateKey.of("source image id", String.class);
  static final StateKey<SshKey> KEY = StateKey.of("ssh key", SshKey.class);
  static final StateKey<String> DISCOVERED_NETWORK =
      StateKey.of("discovered network id", String.class);
  static final StateKey<String> VOLUME_ID = StateKey.of("volume id", String.class);
  static final StateKey<String> SERVER_ID = StateKey.of("server id", String.class);
  static final StateKey<FloatingIp> FLOATING_IP = StateKey.of("floating ip", FloatingIp.class);
  static final StateKey<String> IMAGE_ID = StateKey.of("image id", String.class);

  /**
   * The SSH key of the build: {@code keyPairName} is the Nova key pair the server gets (a temporary
   * one when {@code temporary}); {@code privateKeyPem} lives in memory only.
   */
  record SshKey(String keyPairName, boolean temporary, String privateKeyPem) {
    @Override
    public String toString() {
      return "SshKey[keyPairName=" + keyPairName + ", temporary=" + temporary + "]";
    }
  }

  /** The floating IP of the server; deleted afterwards only when {@code temporary}. */
  record FloatingIp(String id, String address, boolean temporary) {}

  private OsState() {}
}
