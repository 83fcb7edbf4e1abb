package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.go.GoDuration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * Makes one attempt at an authenticated connection, classifying what went wrong. One dialer serves
 * every connection of a communicator (the first, the second of {@code pause_before_connecting},
 * reconnects), so it pins the host key the first one saw: see {@link HostKeyCheck}.
 */
final class SshDialer {
  /** Bound on TCP connect and on each step of the handshake, so a silent peer cannot hang us. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

  /** sshj's default wait for answers to requests on an established connection. */
  private static final int REQUEST_TIMEOUT_MS = 30_000;

  private final SshSettings settings;
  private final Login login;

  /** The host keys the first connection saw: every later one must show the same (see below). */
  private final AtomicReference<String> targetKey = new AtomicReference<>();

  private final AtomicReference<String> bastionKey = new AtomicReference<>();

  /**
   * @param ui where keyboard-interactive prompts are asked ({@code ssh_bastion_interactive})
   */
  SshDialer(SshSettings settings, Ui ui) {
    this.settings = settings;
    this.login = new Login(ui);
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
    HostKeyCheck check = new HostKeyCheck(settings.hostKeys(), target.address(), targetKey);
    SSHClient bastion = null;
    SSHClient client = null;
    try {
      if (settings.bastion() != null) {
        Hop hop = settings.bastion();
        HostKeyCheck bastionCheck =
            new HostKeyCheck(new HostKeyPolicy.AcceptAny(), hop.address(), bastionKey);
        bastion = newClient(bastionCheck, timeoutMs);
        connect(bastion, hop, bastionCheck, "bastion ", timeoutMs);
        login.authenticate(bastion, hop, "bastion ");
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
      login.authenticate(client, target, "");
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
      if (settings.forwardedAgent() != null) {
        AgentForwarding.accept(client, settings.forwardedAgent());
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
    SshCrypto.configure();
    // Switch-off (docs/startup.md): -Dimagebake.startup.cipherList=off, sshj's own cipher trial.
    DefaultConfig config =
        "off".equals(System.getProperty("imagebake.startup.cipherList"))
            ? new DefaultConfig()
            : new ClientConfig();
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
}
