package dev.imagebake.communicator.ssh;

/**
 * One entry of {@code ssh_local_tunnels} or {@code ssh_remote_tunnels}, {@code
 * [bind:]port:host:hostport} as for {@code ssh -L}/{@code -R}.
 *
 * @param bind the address to listen on (default 127.0.0.1)
 * @param port the port to listen on
 * @param host where connections are forwarded to
 * @param hostPort the port forwarded to
 */
record TunnelSpec(String bind, int port, String host, int hostPort) {
  static final String DEFAULT_BIND = "127.0.0.1";

  /**
   * @param key the template key, for the error message
   * @throws ConnectFailure of kind CONFIGURATION when {@code text} is malformed
   */
  static TunnelSpec parse(String key, String text) throws ConnectFailure {
    String[] parts = text.split(":", -1);
    try {
      if (parts.length == 3) {
        return new TunnelSpec(DEFAULT_BIND, port(parts[0]), host(parts[1]), port(parts[2]));
      }
      if (parts.length == 4) {
        return new TunnelSpec(host(parts[0]), port(parts[1]), host(parts[2]), port(parts[3]));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConnectFailure(
        ConnectFailure.Kind.CONFIGURATION,
        key + ": invalid tunnel '" + text + "', expected [bind:]port:host:hostport");
  }

  private static int port(String text) {
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    return port;
  }

  private static String host(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    return text;
  }

  @Override
  public String toString() {
    return bind + ":" + port + ":" + host + ":" + hostPort;
  }
}
