package dev.imagebake.communicator.ssh;

import java.io.IOException;
import net.schmizz.sshj.SSHClient;

/**
 * One authenticated SSH connection to the machine, and the bastion connection it runs through.
 *
 * @param client the machine's connection
 * @param bastion the jump host's connection, or null
 * @param hostKeyFingerprint the machine's host key fingerprint, {@code SHA256:...}
 */
record SshLink(SSHClient client, SSHClient bastion, String hostKeyFingerprint)
    implements AutoCloseable {

  /** Whether the connection still works as far as the client knows. */
  boolean alive() {
    return client.isConnected() && client.getTransport().isRunning() && client.isAuthenticated();
  }

  /** Disconnects both connections; never throws. */
  @Override
  public void close() {
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
