package dev.imagebake.communicator.ssh;

/** One SSH server to log in to: the machine, or the bastion in front of it. */
record Hop(String host, int port, Credentials credentials) {
  /** {@code host:port}, with IPv6 literals bracketed. */
  String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
