package dev.imagebake.sdk;

/**
 * Where the builder says its machine listens; null parts are taken from the communicator config.
 *
 * @param host address or name, or null
 * @param port port, or 0 for the config's (default 22)
 * @param privateKeyPem a key the builder generated for this machine (temporary key pair), or null
 */
public record ConnectTarget(String host, int port, String privateKeyPem) {
  public static ConnectTarget fromConfig() {
    return new ConnectTarget(null, 0, null);
  }
}
