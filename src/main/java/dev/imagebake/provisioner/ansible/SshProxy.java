package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * Packer's Ansible proxy adapter: an SSH server on 127.0.0.1 that lets in only {@code user} with
 * the one authorized key and carries each exec request (commands, scp) over the build's
 * communicator. The requests are queued for the provisioner's thread ({@link CommunicatorQueue}).
 */
final class SshProxy implements AutoCloseable {
  private final SshServer server;

  private SshProxy(SshServer server) {
    this.server = server;
  }

  /** The key Ansible must present: generated for the run, or ssh_authorized_key_file's. */
  sealed interface UserKey {
    boolean accepts(String user, PublicKey key, ServerSession session);
  }

  record GeneratedKey(PublicKey key) implements UserKey {
    @Override
    public boolean accepts(String user, PublicKey offered, ServerSession session) {
      return KeyUtils.compareKeys(key, offered);
    }
  }

  record AuthorizedKeyFile(Path file) implements UserKey {
    @Override
    public boolean accepts(String user, PublicKey offered, ServerSession session) {
      return new AuthorizedKeysAuthenticator(file).authenticate(user, offered, session);
    }
  }

  /**
   * Listens on 127.0.0.1: on {@code port}, or on the first free of the ten ports from it, or on a
   * port the system chooses when {@code port} is 0 (Packer's rule).
   *
   * @param hostKey the host key file, or null for a key generated now
   * @param sftpCommand what runs on the machine for the sftp subsystem (Packer's sftp_command)
   */
  static SshProxy start(
      int port,
      String user,
      UserKey userKey,
      Path hostKey,
      String sftpCommand,
      Communicator comm,
      CommunicatorQueue queue,
      Ui ui)
      throws IOException, GeneralSecurityException {
    KeyPairProvider hostKeys =
        hostKey == null ? KeyPairProvider.wrap(KeyPairs.rsa()) : new FileKeyPairProvider(hostKey);
    int tries = port == 0 ? 1 : 10;
    for (int i = 0; i < tries; i++) {
      SshServer server = SshServer.setUpDefaultServer();
      server.setHost("127.0.0.1");
      server.setPort(port + i);
      server.setKeyPairProvider(hostKeys);
      server.setPasswordAuthenticator(null);
      server.setKeyboardInteractiveAuthenticator(null);
      server.setGSSAuthenticator(null);
      server.setHostBasedAuthenticator(null);
      server.setPublickeyAuthenticator(
          (name, key, session) -> name.equals(user) && userKey.accepts(name, key, session));
      server.setChannelFactories(List.of(ExitStatusFirstChannel.FACTORY));
      server.setCommandFactory((channel, command) -> ProxyCommand.exec(command, comm, queue, ui));
      server.setShellFactory(null);
      server.setSubsystemFactories(List.of(new SftpSubsystem(sftpCommand, comm, queue, ui)));
      try {
        server.start();
        return new SshProxy(server);
      } catch (BindException e) {
        ui.say("listen tcp 127.0.0.1:" + (port + i) + ": bind: address already in use");
        server.stop(true);
      }
    }
    throw new IOException("Error setting up SSH proxy connection");
  }

  /**
   * Packer's "sftp" subsystem: {@code sftpCommand} run on the machine, its streams the channel's.
   */
  private record SftpSubsystem(
      String sftpCommand, Communicator comm, CommunicatorQueue queue, Ui ui)
      implements SubsystemFactory {
    @Override
    public String getName() {
      return "sftp";
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
      return ProxyCommand.sftp(sftpCommand, comm, queue, ui);
    }
  }

  int port() {
    return server.getPort();
  }

  /** Stops listening and closes every connection at once. */
  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      // Stopping immediately closes the sockets; nothing is left to release.
    }
  }

  /** Key pairs made for one run. */
  static final class KeyPairs {
    private KeyPairs() {}

    static KeyPair rsa() throws GeneralSecurityException {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    }
  }
}
