package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.RecordingUi;
import dev.imagebake.testing.Socks5TestProxy;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import dev.imagebake.testing.TestSshAgent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConnectTest {
  static OpenSshServer sshd;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start(new OpenSshServer.Options().passwordAuthentication());
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  static Communicator connect(SshConfigBuilder config, TestBuildContext ctx) throws IOException {
    return connect(config, ConnectTarget.fromConfig(), ctx);
  }

  static Communicator connect(SshConfigBuilder config, ConnectTarget target, TestBuildContext ctx)
      throws IOException {
    return new SshConnector(Duration.ofMillis(50))
        .connect(config.communicatorConfig(), target, ctx);
  }

  static String echo(Communicator comm, String text) throws IOException {
    StringBuilder out = new StringBuilder();
    CommandResult result =
        comm.run(
            RemoteCommand.of("echo " + text),
            new OutputSink() {
              @Override
              public void stdout(String line) {
                out.append(line);
              }

              @Override
              public void stderr(String line) {}
            });
    assertThat(result.exitStatus()).isZero();
    return out.toString();
  }

  @Test
  void refusedPortIsReportedAfterTheTimeout() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshPort(closedPort).sshTimeout(Duration.ofMillis(300));

    assertThatThrownBy(() -> connect(config, ctx))
        .hasMessage(
            "Timeout waiting for SSH after 300ms: connection refused on 127.0.0.1:" + closedPort);
    assertThat(ctx.cancellation().sleeps()).isNotEmpty();
  }

  @Test
  void silentServerIsReportedAsAHandshakeTimeout() throws IOException {
    // Like a VM's NAT port forward before the guest's sshd runs: TCP accepted, nothing said.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                List<java.net.Socket> open = new java.util.ArrayList<>();
                try {
                  while (true) {
                    open.add(silent.accept());
                  }
                } catch (IOException closed) {
                  open.forEach(
                      s -> {
                        try {
                          s.close();
                        } catch (IOException ignored) {
                          // test cleanup
                        }
                      });
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      TestBuildContext ctx = TestBuildContext.create();
      SshConfigBuilder config =
          SshConfigBuilder.forServer(sshd)
              .sshPort(silent.getLocalPort())
              .sshTimeout(Duration.ofSeconds(1));
      assertThatThrownBy(() -> connect(config, ctx))
          .hasMessageStartingWith(
              "Timeout waiting for SSH after 1s: SSH handshake with 127.0.0.1:"
                  + silent.getLocalPort());
    }
  }

  @Test
  void longWaitsReportTheirProgress() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshPort(closedPort).sshTimeout(Duration.ofMillis(200));
    SshConnector connector = new SshConnector(Duration.ofMillis(50), Duration.ZERO, name -> null);

    assertThatThrownBy(
        () -> connector.connect(config.communicatorConfig(), ConnectTarget.fromConfig(), ctx));
    assertThat(ctx.ui().said())
        .anyMatch(
            line ->
                line.startsWith("Still waiting for SSH (")
                    && line.endsWith("so far): connection refused on 127.0.0.1:" + closedPort));
  }

  @Test
  void rejectedKeyFailsFastNamingUserAndKey() {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd)
            .sshPrivateKeyFile(sshd.unauthorizedKey().toString())
            .sshHandshakeAttempts(3)
            .sshTimeout(Duration.ofMinutes(10));

    assertThatThrownBy(() -> connect(config, ctx))
        .hasMessage(
            "authentication rejected for user "
                + sshd.user()
                + " with key "
                + sshd.unauthorizedKey()
                + " on 127.0.0.1:"
                + sshd.port()
                + " (3 attempts, ssh_handshake_attempts=3)");
    // Three attempts, two pauses between them: not a wait for the 10 minute ssh_timeout.
    assertThat(ctx.cancellation().sleeps()).hasSize(2);
  }

  @Test
  void rejectedPasswordIsNamedWithoutRevealingIt() {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd)
            .sshPrivateKeyFile(null)
            .sshPassword("not-the-password")
            .sshHandshakeAttempts(1);

    assertThatThrownBy(() -> connect(config, ctx))
        .hasMessageStartingWith(
            "authentication rejected for user " + sshd.user() + " with password on")
        .hasMessageNotContaining("not-the-password");
    assertThat(ctx.cancellation().sleeps()).isEmpty();
  }

  @Test
  void unknownUserIsRejected() {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshUsername("nosuchuser").sshHandshakeAttempts(2);

    assertThatThrownBy(() -> connect(config, ctx))
        .hasMessageStartingWith("authentication rejected for user nosuchuser with key ");
  }

  @Test
  void missingKeyFileIsAConfigurationErrorWithoutRetries() {
    TestBuildContext ctx = TestBuildContext.create();
    Path missing = tmp.resolve("nope");
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshPrivateKeyFile(missing.toString());

    assertThatThrownBy(() -> connect(config, ctx))
        .hasMessage(
            "ssh_private_key_file is invalid: stat " + missing + ": no such file or directory");
    assertThat(ctx.cancellation().sleeps()).isEmpty();
  }

  @Test
  void connectsWithTheBuildersTemporaryKeyAndTheTargetAddress() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config = SshConfigBuilder.empty().sshUsername(sshd.user());
    ConnectTarget target = new ConnectTarget(sshd.host(), sshd.port(), sshd.clientKeyPem());

    try (Communicator comm = connect(config, target, ctx)) {
      assertThat(echo(comm, "temporary")).isEqualTo("temporary");
    }
  }

  @Test
  void rejectedTemporaryKeyIsNamedAsSuch() {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.empty().sshUsername("nosuchuser").sshHandshakeAttempts(1);
    ConnectTarget target = new ConnectTarget(sshd.host(), sshd.port(), sshd.clientKeyPem());
    assertThatThrownBy(() -> connect(config, target, ctx))
        .hasMessageStartingWith(
            "authentication rejected for user nosuchuser with the builder's temporary key on ");
  }

  @Test
  void sshHostAndPortOverrideTheTarget() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    ConnectTarget target = new ConnectTarget("192.0.2.1", 1, null);

    try (Communicator comm = connect(SshConfigBuilder.forServer(sshd), target, ctx)) {
      assertThat(comm.describe()).endsWith("@127.0.0.1:" + sshd.port());
    }
  }

  @Test
  void connectsWithAnRsaKey() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshPrivateKeyFile(sshd.clientRsaKey().toString());
    try (Communicator comm = connect(config, ctx)) {
      assertThat(echo(comm, "rsa")).isEqualTo("rsa");
    }
  }

  @Test
  void missingHostAndUserAreReportedWithPackersWording() {
    TestBuildContext ctx = TestBuildContext.create();
    assertThatThrownBy(() -> connect(SshConfigBuilder.empty().sshUsername("u"), ctx))
        .hasMessage("a Host must be specified, please reference your communicator documentation");
    assertThatThrownBy(() -> connect(SshConfigBuilder.empty().sshHost("h"), ctx))
        .hasMessage(
            "An ssh_username must be specified\n"
                + "  Note: some builders used to default ssh_username to \"root\".");
  }

  @Test
  void pinnedHostKeyLineIsAccepted() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config = SshConfigBuilder.forServer(sshd).sshHostKey(sshd.hostPublicKey());
    try (Communicator comm = connect(config, ctx)) {
      assertThat(echo(comm, "pinned")).isEqualTo("pinned");
    }
    assertThat(ctx.ui().said()).noneMatch(line -> line.startsWith("Host key fingerprint"));
  }

  @Test
  void pinnedFingerprintIsAccepted() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshHostKey(sshd.hostKeyFingerprint());
    try (Communicator comm = connect(config, ctx)) {
      assertThat(echo(comm, "pinned")).isEqualTo("pinned");
    }
  }

  @Test
  void hostKeyMismatchFailsAtOnceNamingBothFingerprints() {
    TestBuildContext ctx = TestBuildContext.create();
    String other = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshHostKey(other).sshTimeout(Duration.ofMinutes(10));

    assertThatThrownBy(() -> connect(config, ctx))
        .hasMessage(
            "host key mismatch for 127.0.0.1:"
                + sshd.port()
                + ": expected "
                + other
                + " (ssh_host_key), the server offered "
                + sshd.hostKeyFingerprint());
    assertThat(ctx.cancellation().sleeps()).isEmpty();
  }

  @Test
  void knownHostsFileAcceptsListedKeyAndRefusesOthers() throws IOException {
    Path good = tmp.resolve("known_hosts");
    Files.writeString(good, "[127.0.0.1]:" + sshd.port() + " " + sshd.hostPublicKey() + "\n");
    try (Communicator comm =
        connect(
            SshConfigBuilder.forServer(sshd).sshKnownHostsFile(good.toString()),
            TestBuildContext.create())) {
      assertThat(echo(comm, "known")).isEqualTo("known");
    }

    try (OpenSshServer other = OpenSshServer.start()) {
      Path wrong = tmp.resolve("known_hosts_wrong");
      Files.writeString(wrong, "[127.0.0.1]:" + sshd.port() + " " + other.hostPublicKey() + "\n");
      assertThatThrownBy(
              () ->
                  connect(
                      SshConfigBuilder.forServer(sshd).sshKnownHostsFile(wrong.toString()),
                      TestBuildContext.create()))
          .hasMessage(
              "host key mismatch for 127.0.0.1:"
                  + sshd.port()
                  + ": expected "
                  + other.hostKeyFingerprint()
                  + " (ssh_known_hosts_file "
                  + wrong
                  + "), the server offered "
                  + sshd.hostKeyFingerprint());
    }

    Path empty = tmp.resolve("known_hosts_empty");
    Files.writeString(empty, "");
    assertThatThrownBy(
            () ->
                connect(
                    SshConfigBuilder.forServer(sshd).sshKnownHostsFile(empty.toString()),
                    TestBuildContext.create()))
        .hasMessageContaining("is not listed in ssh_known_hosts_file " + empty)
        .hasMessageEndingWith("the server offered " + sshd.hostKeyFingerprint());
  }

  @Test
  void restrictedAlgorithmsAreUsedAndUnknownOnesRejected() throws IOException {
    try (OpenSshServer debug =
        OpenSshServer.start(new OpenSshServer.Options().logLevel("DEBUG1"))) {
      SshConfigBuilder config =
          SshConfigBuilder.forServer(debug)
              .sshCiphers(List.of("aes256-ctr"))
              .sshKeyExchangeAlgorithms(List.of("diffie-hellman-group14-sha256"));
      try (Communicator comm = connect(config, TestBuildContext.create())) {
        comm.describe();
      }
      assertThat(debug.log())
          .contains("kex: client->server cipher: aes256-ctr")
          .contains("kex: algorithm: diffie-hellman-group14-sha256");
    }

    TestBuildContext ctx = TestBuildContext.create();
    assertThatThrownBy(
            () -> connect(SshConfigBuilder.forServer(sshd).sshCiphers(List.of("rot13")), ctx))
        .hasMessageStartingWith("ssh_ciphers: unknown cipher \"rot13\"; supported: ")
        .hasMessageContaining("aes128-ctr");
    assertThat(ctx.cancellation().sleeps()).isEmpty();
  }

  @Test
  void noCommonCipherFailsAtOnce() {
    try (OpenSshServer strict =
        OpenSshServer.start(new OpenSshServer.Options().config("Ciphers aes128-ctr"))) {
      TestBuildContext ctx = TestBuildContext.create();
      SshConfigBuilder config =
          SshConfigBuilder.forServer(strict).sshCiphers(List.of("aes256-ctr"));
      assertThatThrownBy(() -> connect(config, ctx))
          .hasMessageStartingWith("no algorithm in common with 127.0.0.1:" + strict.port());
      assertThat(ctx.cancellation().sleeps()).isEmpty();
    }
  }

  @Test
  void pauseBeforeConnectingConnectsTwice() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).pauseBeforeConnecting(Duration.ofMillis(100));
    try (Communicator comm = connect(config, ctx)) {
      assertThat(echo(comm, "after-pause")).isEqualTo("after-pause");
    }
    RecordingUi ui = ctx.ui();
    assertThat(ui.said())
        .containsSubsequence(
            "Connected to SSH!", "Pausing 100ms before connecting...", "Connected to SSH!");
    assertThat(ctx.cancellation().sleeps()).hasSize(1);
  }

  @Test
  void certificateAuthentication() throws IOException {
    try (OpenSshServer ca = OpenSshServer.start(new OpenSshServer.Options().userCertificates())) {
      SshConfigBuilder withCert =
          SshConfigBuilder.forServer(ca)
              .sshPrivateKeyFile(ca.certifiedKey().toString())
              .sshCertificateFile(ca.certificate().toString());
      try (Communicator comm = connect(withCert, TestBuildContext.create())) {
        assertThat(echo(comm, "certified")).isEqualTo("certified");
      }
      // sshj would pick up <key>-cert.pub by itself: use a copy without one.
      Path alone = tmp.resolve("alone");
      Files.copy(ca.certifiedKey(), alone);
      SshConfigBuilder withoutCert =
          SshConfigBuilder.forServer(ca)
              .sshPrivateKeyFile(alone.toString())
              .sshHandshakeAttempts(1);
      assertThatThrownBy(() -> connect(withoutCert, TestBuildContext.create()))
          .hasMessageStartingWith("authentication rejected");
    }
  }

  @Test
  void bastionTunnelsToTheTarget() throws IOException {
    try (OpenSshServer bastion =
        OpenSshServer.start(new OpenSshServer.Options().logLevel("DEBUG1"))) {
      SshConfigBuilder config =
          SshConfigBuilder.forServer(sshd)
              .sshBastionHost(bastion.host())
              .sshBastionPort(bastion.port())
              .sshBastionUsername(bastion.user())
              .sshBastionPrivateKeyFile(bastion.clientKey().toString());
      try (Communicator comm = connect(config, TestBuildContext.create())) {
        assertThat(comm.describe()).endsWith(" via 127.0.0.1:" + bastion.port());
        assertThat(echo(comm, "through")).isEqualTo("through");
      }
      assertThat(bastion.log())
          .contains("direct-tcpip")
          .contains("target 127.0.0.1 port " + sshd.port());
    }
  }

  @Test
  void bastionCanBeTheTargetItself() throws IOException {
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd).sshBastionHost(sshd.host()).sshBastionPort(sshd.port());
    try (Communicator comm = connect(config, TestBuildContext.create())) {
      assertThat(echo(comm, "self")).isEqualTo("self");
    }
  }

  @Test
  void interactiveBastionWithoutTerminalIsRejected() {
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd)
            .sshBastionHost(sshd.host())
            .sshBastionPort(sshd.port())
            .sshBastionPrivateKeyFile(sshd.unauthorizedKey().toString())
            .sshBastionInteractive(true)
            .sshHandshakeAttempts(1);
    assertThatThrownBy(() -> connect(config, TestBuildContext.create()))
        .hasMessageStartingWith(
            "bastion authentication rejected for user "
                + sshd.user()
                + " with key "
                + sshd.unauthorizedKey()
                + " or answers typed at the terminal on 127.0.0.1:"
                + sshd.port());
  }

  @Test
  void bastionThatCannotReachTheTargetSaysSo() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TestBuildContext ctx = TestBuildContext.create();
    SshConfigBuilder config =
        SshConfigBuilder.forServer(sshd)
            .sshPort(closedPort)
            .sshTimeout(Duration.ofMillis(200))
            .sshBastionHost(sshd.host())
            .sshBastionPort(sshd.port());
    assertThatThrownBy(() -> connect(config, ctx))
        .hasMessageStartingWith(
            "Timeout waiting for SSH after 200ms: bastion 127.0.0.1:"
                + sshd.port()
                + " could not connect to 127.0.0.1:"
                + closedPort);
  }

  @Test
  void socksProxyCarriesTheConnection() throws Exception {
    try (OpenSshServer debug =
        OpenSshServer.start(new OpenSshServer.Options().logLevel("DEBUG1"))) {
      int proxyPort;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        proxyPort = socket.getLocalPort();
      }
      // OpenSSH's client as the SOCKS5 proxy (dynamic forwarding through the same server).
      Process proxy =
          new ProcessBuilder(
                  "ssh",
                  "-N",
                  "-D",
                  "127.0.0.1:" + proxyPort,
                  "-p",
                  Integer.toString(debug.port()),
                  "-i",
                  debug.clientKey().toString(),
                  "-o",
                  "StrictHostKeyChecking=no",
                  "-o",
                  "UserKnownHostsFile=/dev/null",
                  "-o",
                  "ExitOnForwardFailure=yes",
                  "-o",
                  "BatchMode=yes",
                  debug.user() + "@127.0.0.1")
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("proxy.log").toFile())
              .start();
      try {
        SshConfigBuilder config =
            SshConfigBuilder.forServer(debug)
                .sshProxyHost("127.0.0.1")
                .sshProxyPort(proxyPort)
                .sshTimeout(Duration.ofSeconds(30));
        // The first attempts may find the proxy not listening yet: the wait loop retries.
        try (Communicator comm = connect(config, TestBuildContext.create())) {
          assertThat(echo(comm, "proxied")).isEqualTo("proxied");
        }
        assertThat(debug.log()).contains("target 127.0.0.1 port " + debug.port());
      } finally {
        proxy.destroyForcibly().waitFor();
      }
    }
  }

  /** Starts a private ssh-agent holding {@code keys}; the caller closes it. */
  TestSshAgent startAgent(Path socket, Path... keys) throws Exception {
    return TestSshAgent.start(socket, tmp.resolve(socket.getFileName() + ".log"), keys);
  }

  @Test
  void agentKeysAuthenticate() throws Exception {
    Path socket = tmp.resolve("agent.sock");
    TestSshAgent agent = startAgent(socket, sshd.unauthorizedKey(), sshd.clientRsaKey());
    try {
      SshConfigBuilder config =
          SshConfigBuilder.forServer(sshd).sshPrivateKeyFile(null).sshAgentAuth(true);
      try (Communicator comm =
          new SshConnector(
                  Duration.ofMillis(50),
                  name -> name.equals("SSH_AUTH_SOCK") ? socket.toString() : null)
              .connect(
                  config.communicatorConfig(),
                  ConnectTarget.fromConfig(),
                  TestBuildContext.create())) {
        assertThat(echo(comm, "agent")).isEqualTo("agent");
      }
      // The unauthorized key is tried first and refused; the RSA key (rsa-sha2-256) is accepted.
      assertThat(sshd.log()).contains("Accepted publickey for " + sshd.user()).contains("RSA");
    } finally {
      agent.close();
    }
  }

  @Test
  void agentWithoutUsableKeysIsRejectedAndMissingAgentNamed() throws Exception {
    Path socket = tmp.resolve("agent2.sock");
    TestSshAgent agent = startAgent(socket, sshd.unauthorizedKey());
    try {
      SshConfigBuilder config =
          SshConfigBuilder.forServer(sshd)
              .sshPrivateKeyFile(null)
              .sshAgentAuth(true)
              .sshHandshakeAttempts(1);
      assertThatThrownBy(
              () ->
                  new SshConnector(Duration.ofMillis(50), name -> socket.toString())
                      .connect(
                          config.communicatorConfig(),
                          ConnectTarget.fromConfig(),
                          TestBuildContext.create()))
          .hasMessageStartingWith(
              "authentication rejected for user " + sshd.user() + " with the SSH agent's keys on ");
      assertThatThrownBy(
              () ->
                  new SshConnector(Duration.ofMillis(50), name -> null)
                      .connect(
                          config.communicatorConfig(),
                          ConnectTarget.fromConfig(),
                          TestBuildContext.create()))
          .hasMessage("SSH_AUTH_SOCK is not set");
    } finally {
      agent.close();
    }
  }

  /** A free loopback port in 20000–29999, which the kernel never hands out on its own. */
  static int freePortBelowEphemeralRange() throws IOException {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20000 + random.nextInt(10000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port in 20000-29999");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void localAndRemoteTunnels() throws Exception {
    try (ServerSocket greeter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread serve =
          new Thread(
              () -> {
                try {
                  while (true) {
                    try (java.net.Socket s = greeter.accept()) {
                      s.getOutputStream().write("hello-tunnel\n".getBytes());
                    }
                  }
                } catch (IOException closed) {
                  // test over
                }
              });
      serve.setDaemon(true);
      serve.start();
      // Outside the ephemeral range: no other test's socket can take it after the tunnel closes,
      // so a refused connection below proves the tunnel let go of it.
      int localPort = freePortBelowEphemeralRange();
      int remotePort = freePort();
      SshConfigBuilder config =
          SshConfigBuilder.forServer(sshd)
              .sshLocalTunnels(List.of(localPort + ":127.0.0.1:" + sshd.port()))
              .sshRemoteTunnels(
                  List.of("127.0.0.1:" + remotePort + ":127.0.0.1:" + greeter.getLocalPort()));
      try (Communicator comm = connect(config, TestBuildContext.create())) {
        // Local: our port leads to the server's sshd, which greets first.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", localPort)) {
          String banner =
              new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()))
                  .readLine();
          assertThat(banner).startsWith("SSH-2.0-OpenSSH");
        }
        // Remote: the machine's port leads back to our greeter.
        assertThat(
                echo(
                    comm,
                    "$(bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + remotePort + "; head -1 <&3')"))
            .isEqualTo("hello-tunnel");
      }
      // Closed with the communicator.
      System.err.println(
          "DEBUG ss: "
              + new String(
                  new ProcessBuilder(
                          "sh",
                          "-c",
                          "ss -ltnp | grep :" + localPort + "; ss -tnp | grep :" + localPort)
                      .redirectErrorStream(true)
                      .start()
                      .getInputStream()
                      .readAllBytes()));
      assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", localPort).close())
          .isInstanceOf(java.net.ConnectException.class);
    }
  }

  @Test
  void badTunnelsAreConfigurationErrors() throws IOException {
    TestBuildContext ctx = TestBuildContext.create();
    assertThatThrownBy(
            () ->
                connect(SshConfigBuilder.forServer(sshd).sshLocalTunnels(List.of("8080:web")), ctx))
        .hasMessage(
            "ssh_local_tunnels ('8080:web') is invalid: Error parsing forwarding, must be a tcp"
                + " address: address web: missing port in address");
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String spec = busy.getLocalPort() + ":127.0.0.1:22";
      assertThatThrownBy(
              () -> connect(SshConfigBuilder.forServer(sshd).sshLocalTunnels(List.of(spec)), ctx))
          .hasMessageStartingWith(
              "ssh_local_tunnels: cannot listen on 127.0.0.1:" + busy.getLocalPort());
    }
    assertThat(ctx.cancellation().sleeps()).isEmpty();
  }

  @Test
  void socksProxyWithCredentials() throws IOException {
    try (Socks5TestProxy proxy = Socks5TestProxy.start("alice", "s3cret")) {
      SshConfigBuilder good =
          SshConfigBuilder.forServer(sshd)
              .sshProxyHost("127.0.0.1")
              .sshProxyPort(proxy.port())
              .sshProxyUsername("alice")
              .sshProxyPassword("s3cret");
      try (Communicator comm = connect(good, TestBuildContext.create())) {
        assertThat(echo(comm, "via-socks")).isEqualTo("via-socks");
      }
      assertThat(proxy.connects()).isEqualTo(1);

      TestBuildContext ctx = TestBuildContext.create();
      assertThatThrownBy(() -> connect(good.sshProxyPassword("wrong"), ctx))
          .hasMessage(
              "SOCKS5 proxy 127.0.0.1:" + proxy.port() + " rejected the credentials of user alice");
      assertThat(ctx.cancellation().sleeps()).isEmpty();

      SshConfigBuilder anonymous =
          SshConfigBuilder.forServer(sshd).sshProxyHost("127.0.0.1").sshProxyPort(proxy.port());
      assertThatThrownBy(() -> connect(anonymous, TestBuildContext.create()))
          .hasMessage(
              "SOCKS5 proxy 127.0.0.1:"
                  + proxy.port()
                  + " requires authentication: set ssh_proxy_username");

      int closedPort = freePort();
      SshConfigBuilder unreachable =
          SshConfigBuilder.forServer(sshd)
              .sshPort(closedPort)
              .sshTimeout(Duration.ofMillis(200))
              .sshProxyHost("127.0.0.1")
              .sshProxyPort(proxy.port())
              .sshProxyUsername("alice")
              .sshProxyPassword("s3cret");
      assertThatThrownBy(() -> connect(unreachable, TestBuildContext.create()))
          .hasMessage(
              "Timeout waiting for SSH after 200ms: SOCKS5 proxy 127.0.0.1:"
                  + proxy.port()
                  + " could not connect to 127.0.0.1:"
                  + closedPort
                  + ": connection refused");
    }
  }

  @Test
  void invalidTransferMethodIsRejectedWithPackersWording() {
    TestBuildContext ctx = TestBuildContext.create();
    assertThatThrownBy(
            () -> connect(SshConfigBuilder.forServer(sshd).sshFileTransferMethod("rsync"), ctx))
        .hasMessage("ssh_file_transfer_method ('rsync') is invalid, valid methods: sftp, scp");
  }
}
