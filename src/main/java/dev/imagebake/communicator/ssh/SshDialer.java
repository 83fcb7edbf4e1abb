package dev.imagebake.communicator.ssh;

import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyFileUtil;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/** Makes one attempt at an authenticated connection, classifying what went wrong. */
final class SshDialer {
  /** Bound on TCP connect and on each step of the handshake, so a silent peer cannot hang us. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

  /** sshj's default wait for answers to requests on an established connection. */
  private static final int REQUEST_TIMEOUT_MS = 30_000;

  private final SshSettings settings;
  private final Ui ui;

  /**
   * @param ui where keyboard-interactive prompts are asked ({@code ssh_bastion_interactive})
   */
  SshDialer(SshSettings settings, Ui ui) {
    this.settings = settings;
    this.ui = ui;
  }

  SshSettings settings() {
    return settings;
  }

  /** Connects and logs in, each network step bounded by 20 s. */
  SshLink dial() throws ConnectFailure {
    return dial(STEP_TIMEOUT);
  }

  /**
   * Connects and logs in, each network step (TCP connect, handshake, authentication) bounded by
   * {@code stepTimeout}, so an attempt cannot outlast the caller's deadline by much.
   *
   * @throws ConnectFailure whose kind says whether trying again can help
   */
  SshLink dial(Duration stepTimeout) throws ConnectFailure {
    int timeoutMs = (int) Math.max(1000, Math.min(stepTimeout.toMillis(), STEP_TIMEOUT.toMillis()));
    Hop target = settings.target();
    HostKeyCheck check = new HostKeyCheck(settings.hostKeys(), target.address());
    SSHClient bastion = null;
    SSHClient client = null;
    try {
      if (settings.bastion() != null) {
        Hop hop = settings.bastion();
        bastion =
            newClient(new HostKeyCheck(new HostKeyPolicy.AcceptAny(), hop.address()), timeoutMs);
        connect(bastion, hop, null, "bastion ", timeoutMs);
        authenticate(bastion, hop, "bastion ");
        DirectConnection tunnel = openTunnel(bastion, hop, target);
        client = newClient(check, timeoutMs);
        try {
          client.connectVia(tunnel);
        } catch (IOException e) {
          throw handshakeFailure(e, target, check, "");
        }
      } else {
        client = newClient(check, timeoutMs);
        try {
          connect(client, target, check, "", timeoutMs);
        } catch (ConnectFailure e) {
          if (settings.proxy() == null
              || e.kind() != ConnectFailure.Kind.UNREACHABLE
              || e.getMessage().contains("SOCKS5 proxy")) {
            throw e;
          }
          throw new ConnectFailure(
              e.kind(),
              e.getMessage() + " (through SOCKS5 proxy " + settings.proxy().address() + ")",
              e.getCause());
        }
      }
      authenticate(client, target, "");
      // From now on only ssh_read_write_timeout bounds a silent connection, and requests
      // (opening sessions) get sshj's usual patience whatever was left of ssh_timeout.
      int readWriteTimeout = (int) settings.readWriteTimeout().toMillis();
      for (SSHClient c : new SSHClient[] {client, bastion}) {
        if (c != null) {
          c.getTransport().setTimeoutMs(REQUEST_TIMEOUT_MS);
          if (c.getSocket() != null) {
            c.getSocket().setSoTimeout(readWriteTimeout);
          }
        }
      }
      Tunnels tunnels = Tunnels.open(client, settings.localTunnels(), settings.remoteTunnels());
      return new SshLink(client, bastion, check.seenFingerprint().orElse("unknown"), tunnels);
    } catch (ConnectFailure e) {
      SshLink.disconnect(client);
      SshLink.disconnect(bastion);
      throw e;
    } catch (IOException e) {
      SshLink.disconnect(client);
      SshLink.disconnect(bastion);
      throw new ConnectFailure(
          ConnectFailure.Kind.HANDSHAKE,
          "SSH connection to " + target.address() + " failed: " + e,
          e);
    }
  }

  private SSHClient newClient(HostKeyCheck check, int timeoutMs) throws ConnectFailure {
    DefaultConfig config = new DefaultConfig();
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    config.setLoggerFactory(SshjLogging.INSTANCE);
    Algorithms.restrict(config, settings.ciphers(), settings.keyExchanges());
    SSHClient client = new SSHClient(config);
    client.addHostKeyVerifier(check);
    client.setConnectTimeout(timeoutMs);
    client.setTimeout(timeoutMs);
    client.getTransport().setTimeoutMs(timeoutMs);
    long keepAlive = settings.keepAliveInterval().toSeconds();
    if (!settings.keepAliveInterval().isNegative() && !settings.keepAliveInterval().isZero()) {
      // sshj counts whole seconds; it starts the keep-alive thread at connect when this is > 0.
      client.getConnection().getKeepAlive().setKeepAliveInterval((int) Math.max(1, keepAlive));
    }
    client.setSocketFactory(new DeadlineSockets(settings.proxy()));
    return client;
  }

  private static void connect(
      SSHClient client, Hop hop, HostKeyCheck check, String role, int timeoutMs)
      throws ConnectFailure {
    try {
      client.connect(hop.host(), hop.port());
    } catch (ConnectException e) {
      if (String.valueOf(e.getMessage()).contains("SOCKS5 proxy")) {
        throw new ConnectFailure(ConnectFailure.Kind.UNREACHABLE, role + e.getMessage(), e);
      }
      throw new ConnectFailure(
          ConnectFailure.Kind.UNREACHABLE,
          role + "connection refused on " + hop.address() + detail(e, "Connection refused"),
          e);
    } catch (NoRouteToHostException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.UNREACHABLE, role + "no route to host " + hop.address(), e);
    } catch (UnknownHostException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.UNREACHABLE, role + "unknown host " + hop.host(), e);
    } catch (SocketTimeoutException e) {
      String after = " timed out after " + GoDuration.format(Duration.ofMillis(timeoutMs));
      boolean tcpConnected = client.getSocket() != null && client.getSocket().isConnected();
      throw new ConnectFailure(
          tcpConnected ? ConnectFailure.Kind.HANDSHAKE : ConnectFailure.Kind.UNREACHABLE,
          tcpConnected
              ? role
                  + "SSH handshake with "
                  + hop.address()
                  + after
                  + " (the port accepts"
                  + " connections but no SSH server answered)"
              : role + "connection to " + hop.address() + after,
          e);
    } catch (Socks5.Rejected e) {
      throw new ConnectFailure(ConnectFailure.Kind.CONFIGURATION, e.getMessage(), e);
    } catch (IOException e) {
      throw handshakeFailure(e, hop, check, role);
    }
  }

  private static String detail(IOException e, String expected) {
    String message = e.getMessage();
    return message == null || message.contains(expected) ? "" : " (" + message + ")";
  }

  private static ConnectFailure handshakeFailure(
      IOException e, Hop hop, HostKeyCheck check, String role) {
    if (check != null && check.refusal().isPresent()) {
      return new ConnectFailure(ConnectFailure.Kind.HOST_KEY, check.refusal().get(), e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("Unable to reach a settlement")) {
      return new ConnectFailure(
          ConnectFailure.Kind.CONFIGURATION,
          role + "no algorithm in common with " + hop.address() + ": " + message,
          e);
    }
    return new ConnectFailure(
        ConnectFailure.Kind.HANDSHAKE,
        role + "SSH handshake with " + hop.address() + " failed: " + message,
        e);
  }

  private static DirectConnection openTunnel(SSHClient bastion, Hop via, Hop target)
      throws ConnectFailure {
    try {
      return bastion.newDirectConnection(target.host(), target.port());
    } catch (OpenFailException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.UNREACHABLE,
          "bastion "
              + via.address()
              + " could not connect to "
              + target.address()
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.HANDSHAKE,
          "bastion "
              + via.address()
              + " lost while connecting to "
              + target.address()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void authenticate(SSHClient client, Hop hop, String role) throws ConnectFailure {
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
