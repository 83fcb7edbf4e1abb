package dev.imagebake.communicator.ssh;

import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyFileUtil;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/** SSH user authentication with {@link Credentials}, reporting failures without secrets. */
final class Login {
  private final Ui ui;

  Login(Ui ui) {
    this.ui = ui;
  }

  /**
   * Logs in as {@code hop}'s credentials say, in Packer's order: agent keys, key files, the
   * builder's key, password, keyboard-interactive.
   *
   * @param role {@code "bastion "} or empty, prefixed to messages
   * @throws ConnectFailure AUTHENTICATION when the server refused every method, CONFIGURATION when
   *     a key or the agent cannot be used
   */
  void authenticate(SSHClient client, Hop hop, String role) throws ConnectFailure {
    Credentials credentials = hop.credentials();
    SshAgent agent = credentials.agentSocket() == null ? null : agent(credentials.agentSocket());
    try {
      List<AuthMethod> methods = new ArrayList<>();
      if (agent != null) {
        try {
          agent.identities().forEach(id -> methods.add(new AgentAuthMethod(agent, id)));
        } catch (IOException e) {
          throw new ConnectFailure(
              ConnectFailure.Kind.CONFIGURATION,
              "cannot list the keys of the SSH agent at "
                  + credentials.agentSocket()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
      for (KeySource key : credentials.keys()) {
        methods.add(new AuthPublickey(load(client, key)));
      }
      if (credentials.password() != null) {
        methods.add(new AuthPassword(password(credentials.password())));
        methods.add(
            new AuthKeyboardInteractive(
                new PasswordResponseProvider(password(credentials.password()))));
      }
      if (credentials.askOnTerminal()) {
        methods.add(new AuthKeyboardInteractive(new TerminalPrompts(ui, hop.address())));
      }
      if (methods.isEmpty()) {
        throw new ConnectFailure(
            ConnectFailure.Kind.CONFIGURATION,
            role
                + "no credentials for "
                + hop.address()
                + (agent != null ? " (the SSH agent has no keys)" : "")
                + ": set ssh_private_key_file or ssh_password");
      }
      client.auth(credentials.user(), methods);
    } catch (UserAuthException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.AUTHENTICATION,
          role + "authentication rejected for " + credentials.describe() + " on " + hop.address(),
          e);
    } catch (TransportException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.HANDSHAKE,
          role
              + "connection to "
              + hop.address()
              + " lost during authentication: "
              + e.getMessage(),
          e);
    } finally {
      if (agent != null) {
        try {
          agent.close();
        } catch (IOException ignored) {
          // Done with the agent either way.
        }
      }
    }
  }

  private static SshAgent agent(Path socket) throws ConnectFailure {
    try {
      return SshAgent.connect(socket);
    } catch (IOException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.CONFIGURATION,
          "cannot connect to the SSH agent at " + socket + " (SSH_AUTH_SOCK): " + e.getMessage(),
          e);
    }
  }

  private static KeyProvider load(SSHClient client, KeySource key) throws ConnectFailure {
    try {
      if (key instanceof KeySource.File file) {
        Files.readAllBytes(file.path()); // a missing file is reported here, not as a parse error
        KeyProvider loaded = client.loadKeys(file.path().toString());
        return file.certificate() == null ? loaded : withCertificate(loaded, file.certificate());
      }
      KeySource.Pem pem = (KeySource.Pem) key;
      var rsa = JdkRsaPem.read(pem.pem());
      if (rsa.isPresent()) {
        return new KeyPairWrapper(rsa.get());
      }
      return client.loadKeys(pem.pem(), null, null);
    } catch (ConnectFailure e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.CONFIGURATION,
          "ssh_private_key_file is invalid: " + e.getFile() + ": no such file",
          e);
    } catch (IOException | RuntimeException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.CONFIGURATION,
          (key instanceof KeySource.File file
                  ? "ssh_private_key_file is invalid: " + file.path()
                  : "the builder's temporary key is invalid")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Presents {@code key} with an OpenSSH certificate. (sshj finds {@code <key>-cert.pub} by itself,
   * but ignores a certificate given separately.)
   */
  private static KeyProvider withCertificate(KeyProvider key, Path certificateFile)
      throws IOException {
    OpenSSHKeyFileUtil.ParsedPubKey certificate;
    try (Reader reader = Files.newBufferedReader(certificateFile)) {
      certificate = OpenSSHKeyFileUtil.initPubKey(reader);
    } catch (IOException | RuntimeException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.CONFIGURATION,
          "ssh_certificate_file is invalid: " + certificateFile + ": " + e.getMessage(),
          e);
    }
    return new KeyProvider() {
      @Override
      public PrivateKey getPrivate() throws IOException {
        return key.getPrivate();
      }

      @Override
      public PublicKey getPublic() {
        return certificate.getPubKey();
      }

      @Override
      public KeyType getType() {
        return certificate.getType();
      }
    };
  }

  private static PasswordFinder password(String password) {
    return new PasswordFinder() {
      @Override
      public char[] reqPassword(Resource<?> resource) {
        return password.toCharArray();
      }

      @Override
      public boolean shouldRetry(Resource<?> resource) {
        return false;
      }
    };
  }
}
