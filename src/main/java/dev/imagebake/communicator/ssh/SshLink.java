package dev.imagebake.communicator.ssh;

import java.io.IOException;
import net.schmizz.sshj.SSHClient;

/**
 * One authenticated SSH connection to the machine, and the bastion connection it runs through.
 *
 * @param client the machine's connection
 * @param bastion the jump host's connection, or null
 * @param hostKeyFingerprint the machine's host key fingerprint, {@code SHA256:...}
 * @param tunnels the port forwards over this connection
 */
record SshLink(SSHClient client, SSHClient bastion, String hostKeyFingerprint, Tunnels tunnels)
    implements AutoCloseable {

  /** Whether the connection still works as far as the client knows. */
  boolean alive() {
    return client.isConnected() && client.getTransport().isRunning() && client.isAuthenticated();
  }

  /** Closes the tunnels and disconnects both connections; never throws. */
  @Override
  public void close() {
    tunnels.close();
    disconnect(client);
    disconnect(bastion);
  }

  static void disconnect(SSHClient c) {
    if (c == null) {
      return;
    }
    try {
      c.disconnect();
    } catch (IOException | RuntimeException ignored) {
      // Closing a broken connection: nothing left to do.
    }
  }
}
