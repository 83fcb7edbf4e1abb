package dev.imagebake.sdk;

import java.util.Map;

/**
 * Where the builder says its machine is; null parts are taken from the communicator config.
 *
 * @param host address or name, or null
 * @param port port, or 0 for the config's (default 22)
 * @param privateKeyPem a key the builder generated for this machine (temporary key pair), or null
 * @param attributes what a communicator of the builder's own kind needs besides an address (the
 *     docker communicator: the container id, the user to run commands as), by name
 */
public record ConnectTarget(
    String host, int port, String privateKeyPem, Map<String, String> attributes) {
  public ConnectTarget {
    attributes = Map.copyOf(attributes);
  }

  public ConnectTarget(String host, int port, String privateKeyPem) {
    this(host, port, privateKeyPem, Map.of());
  }

  public static ConnectTarget fromConfig() {
    return new ConnectTarget(null, 0, null);
  }

  /** The attribute {@code name}, or null. */
  public String attribute(String name) {
    return attributes.get(name);
  }
}
