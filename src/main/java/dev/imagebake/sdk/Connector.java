package dev.imagebake.sdk;

/** Opens the communicator a builder block configured ({@code ssh} or {@code none}). */
public interface Connector {
  /**
   * Waits until the machine accepts a connection (honouring {@code ssh_timeout}, {@code
   * ssh_handshake_attempts}, {@code pause_before_connecting}), reporting progress on the build's
   * UI, and returns the connected communicator. The caller closes it.
   *
   * @param config the builder block's communicator keys
   * @param target where the builder says the machine is; {@code ssh_host}/{@code ssh_port} in
   *     {@code config} override it
   * @throws Exception with the real cause (refused, authentication rejected, host key mismatch)
   */
  Communicator connect(CommunicatorConfig config, ConnectTarget target, BuildContext ctx)
      throws Exception;
}
