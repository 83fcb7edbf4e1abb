package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The SSH keys of a builder block resolved against the builder's {@link ConnectTarget}: what one
 * connection needs, with defaults applied and paths made absolute.
 *
 * @param target the machine
 * @param bastion the jump host, or null
 * @param proxy the SOCKS5 proxy as {@code host:port}, or null
 * @param pauseBeforeConnecting zero for none
 * @param keepAliveInterval zero or negative disables keep-alives
 * @param readWriteTimeout zero for none
 * @param transferMethod {@code scp} or {@code sftp}
 * @param localTunnels {@code ssh_local_tunnels}
 * @param remoteTunnels {@code ssh_remote_tunnels}
 * @param forwardedAgent the local agent's socket that command sessions forward to the machine, or
 *     null ({@code ssh_disable_agent_forwarding}, or no {@code SSH_AUTH_SOCK})
 */
record SshSettings(
    Hop target,
    Hop bastion,
    Proxy proxy,
    HostKeyPolicy hostKeys,
    Duration timeout,
    int handshakeAttempts,
    Duration pauseBeforeConnecting,
    boolean pty,
    Duration keepAliveInterval,
    Duration readWriteTimeout,
    List<String> ciphers,
    List<String> keyExchanges,
    String transferMethod,
    List<TunnelSpec> localTunnels,
    List<TunnelSpec> remoteTunnels,
    Path forwardedAgent) {

  /**
   * A SOCKS5 proxy.
   *
   * @param username null for none
   * @param password null for none
   */
  record Proxy(String host, int port, String username, String password) {
    String address() {
      return host + ":" + port;
    }

    @Override
    public String toString() {
      return "Proxy[" + address() + (username == null ? "" : ", user " + username) + "]";
    }
  }

  /** Where parsing the SSH keys reports problems: validate's check, or a failing connect. */
  interface Problems {
    void error(String key, String message);

    void warn(String key, String message);
  }

  /**
   * Reports every problem of the SSH keys at validate time, with Packer's wording (Packer's {@code
   * communicator.Config.Prepare}): the same parse that {@link #resolve} runs before connecting.
   */
  static void check(CommunicatorConfig config, ConfigCheck check) {
    parse(
        config,
        check::resolve,
        check::environment,
        new Problems() {
          @Override
          public void error(String key, String message) {
            check.error(key, message);
          }

          @Override
          public void warn(String key, String message) {
            check.warn(key, message);
          }
        });
  }

  /**
   * Resolves the settings for one connection. {@code ssh_host}/{@code ssh_port} win over the
   * target's.
   *
   * @param localPath resolves a local path from the template ({@code ~}, working directory)
   * @param environment the process environment ({@code SSH_AUTH_SOCK})
   * @throws ConnectFailure of kind CONFIGURATION with Packer's message where it has one
   */
  static SshSettings resolve(
      CommunicatorConfig config,
      ConnectTarget target,
      Function<String, Path> localPath,
      Function<String, String> environment)
      throws ConnectFailure {
    List<String> errors = new ArrayList<>();
    SshSettings parsed =
        parse(
            config,
            localPath,
            environment,
            new Problems() {
              @Override
              public void error(String key, String message) {
                errors.add(message);
              }

              @Override
              public void warn(String key, String message) {}
            });
    if (!errors.isEmpty()) {
      throw invalid(errors.get(0));
    }
    SshConfig ssh = config.ssh();
    String host = notEmpty(ssh.sshHost()) ? ssh.sshHost() : target.host();
    if (!notEmpty(host)) {
      throw invalid("a Host must be specified, please reference your communicator documentation");
    }
    int port = ssh.sshPort() != null ? ssh.sshPort() : target.port() > 0 ? target.port() : 22;
    Credentials login = parsed.target().credentials();
    if ((login.agentSocket() == null && ssh.agentAuth())
        || (parsed.bastion() != null
            && parsed.bastion().credentials().agentSocket() == null
            && Boolean.TRUE.equals(ssh.sshBastionAgentAuth()))) {
      throw invalid("SSH_AUTH_SOCK is not set");
    }
    List<KeySource> keys = new ArrayList<>(login.keys());
    if (notEmpty(target.privateKeyPem())) {
      keys.add(new KeySource.Pem("the builder's temporary key", target.privateKeyPem()));
    }
    Hop machine =
        new Hop(
            host, port, new Credentials(login.user(), keys, login.password(), login.agentSocket()));
    return new SshSettings(
        machine,
        parsed.bastion(),
        parsed.proxy(),
        parsed.hostKeys(),
        parsed.timeout(),
        parsed.handshakeAttempts(),
        parsed.pauseBeforeConnecting(),
        parsed.pty(),
        parsed.keepAliveInterval(),
        parsed.readWriteTimeout(),
        parsed.ciphers(),
        parsed.keyExchanges(),
        parsed.transferMethod(),
        parsed.localTunnels(),
        parsed.remoteTunnels(),
        parsed.forwardedAgent());
  }

  /**
   * The one parse of the SSH keys: reports every problem and returns the settings with what could
   * be read; the machine's address is left for {@link #resolve} (it may come from the builder).
   */
  private static SshSettings parse(
      CommunicatorConfig config,
      Function<String, Path> localPath,
      Function<String, String> environment,
      Problems problems) {
    SshConfig ssh = config.ssh();
    if (blank(ssh.sshPrivateKeyFile()) && !blank(ssh.sshCertificateFile())) {
      problems.error(
          "ssh_certificate_file",
          "ssh_private_key_file must be specified if ssh_certificate_file is specified");
    }
    if (blank(ssh.sshBastionPrivateKeyFile()) && !blank(ssh.sshBastionCertificateFile())) {
      problems.error(
          "ssh_bastion_certificate_file",
          "ssh_bastion_private_key_file must be specified if ssh_bastion_certificate_file is"
              + " specified");
    }
    if (blank(ssh.sshUsername())) {
      problems.error(
          "ssh_username",
          "An ssh_username must be specified\n"
              + "  Note: some builders used to default ssh_username to \"root\".");
    }
    Path agentSocket = null;
    if (ssh.agentAuth() || Boolean.TRUE.equals(ssh.sshBastionAgentAuth())) {
      String socket = environment.apply("SSH_AUTH_SOCK");
      if (notEmpty(socket)) {
        agentSocket = Path.of(socket);
      } else {
        problems.warn(
            ssh.agentAuth() ? "ssh_agent_auth" : "ssh_bastion_agent_auth",
            "SSH_AUTH_SOCK is not set: agent authentication will fail unless an ssh-agent runs"
                + " when the build starts");
      }
    }
    Path certificate =
        certificateFile("ssh_certificate_file", ssh.sshCertificateFile(), localPath, problems);
    List<KeySource> keys = new ArrayList<>();
    Path key = keyFile("ssh_private_key_file", ssh.sshPrivateKeyFile(), localPath, problems);
    if (key != null) {
      keys.add(new KeySource.File(key, certificate));
    }
    String password = notEmpty(ssh.sshPassword()) ? ssh.sshPassword() : null;
    Hop machine =
        new Hop(
            null,
            0,
            new Credentials(
                ssh.sshUsername(), keys, password, ssh.agentAuth() ? agentSocket : null));
    String method = ssh.fileTransferMethod();
    if (!method.equals("scp") && !method.equals("sftp")) {
      problems.error(
          "ssh_file_transfer_method",
          "ssh_file_transfer_method ('" + method + "') is invalid, valid methods: sftp, scp");
    }
    if (notEmpty(ssh.sshBastionHost()) && notEmpty(ssh.sshProxyHost())) {
      problems.error(
          "ssh_proxy_host", "please specify either ssh_bastion_host or ssh_proxy_host, not both");
    }
    return new SshSettings(
        machine,
        bastion(ssh, localPath, agentSocket, problems),
        proxy(ssh),
        hostKeys(ssh, localPath, problems),
        ssh.timeout(),
        ssh.handshakeAttempts(),
        config.pauseBeforeConnecting() == null ? Duration.ZERO : config.pauseBeforeConnecting(),
        ssh.pty(),
        ssh.keepAliveInterval(),
        ssh.sshReadWriteTimeout() == null ? Duration.ZERO : ssh.sshReadWriteTimeout(),
        ssh.sshCiphers() == null ? List.of() : List.copyOf(ssh.sshCiphers()),
        ssh.sshKeyExchangeAlgorithms() == null
            ? List.of()
            : List.copyOf(ssh.sshKeyExchangeAlgorithms()),
        method,
        tunnels("ssh_local_tunnels", ssh.sshLocalTunnels(), problems),
        tunnels("ssh_remote_tunnels", ssh.sshRemoteTunnels(), problems),
        forwardedAgent(ssh, environment));
  }

  /** As Packer: forwarding unless disabled, when there is a local agent to forward. */
  private static Path forwardedAgent(SshConfig ssh, Function<String, String> environment) {
    if (Boolean.TRUE.equals(ssh.sshDisableAgentForwarding())) {
      return null;
    }
    String socket = environment.apply("SSH_AUTH_SOCK");
    return notEmpty(socket) ? Path.of(socket) : null;
  }

  private static List<TunnelSpec> tunnels(String key, List<String> specs, Problems problems) {
    List<TunnelSpec> tunnels = new ArrayList<>();
    if (specs != null) {
      for (String spec : specs) {
        try {
          tunnels.add(TunnelSpec.parse(spec));
        } catch (IllegalArgumentException e) {
          problems.error(key, key + " ('" + spec + "') is invalid: " + e.getMessage());
        }
      }
    }
    return List.copyOf(tunnels);
  }

  private static Hop bastion(
      SshConfig ssh, Function<String, Path> localPath, Path agentSocket, Problems problems) {
    if (!notEmpty(ssh.sshBastionHost())) {
      return null;
    }
    String keyFile =
        notEmpty(ssh.sshBastionPrivateKeyFile())
            ? ssh.sshBastionPrivateKeyFile()
            : ssh.sshPrivateKeyFile();
    String password = notEmpty(ssh.sshBastionPassword()) ? ssh.sshBastionPassword() : null;
    boolean agent = Boolean.TRUE.equals(ssh.sshBastionAgentAuth());
    boolean interactive = Boolean.TRUE.equals(ssh.sshBastionInteractive());
    if (password == null && !notEmpty(keyFile) && !agent) {
      problems.error(
          "ssh_bastion_host",
          "ssh_bastion_password or ssh_bastion_private_key_file must be specified");
    }
    Path key =
        keyFile(
            "ssh_bastion_private_key_file", ssh.sshBastionPrivateKeyFile(), localPath, problems);
    Path certificate =
        certificateFile(
            "ssh_bastion_certificate_file", ssh.sshBastionCertificateFile(), localPath, problems);
    if (key == null && notEmpty(ssh.sshPrivateKeyFile())) {
      key = localPath.apply(ssh.sshPrivateKeyFile());
    }
    if (certificate == null && notEmpty(ssh.sshCertificateFile())) {
      certificate = localPath.apply(ssh.sshCertificateFile());
    }
    List<KeySource> keys = key == null ? List.of() : List.of(new KeySource.File(key, certificate));
    String user = notEmpty(ssh.sshBastionUsername()) ? ssh.sshBastionUsername() : ssh.sshUsername();
    int port = ssh.sshBastionPort() == null ? 22 : ssh.sshBastionPort();
    return new Hop(
        ssh.sshBastionHost(),
        port,
        new Credentials(user, keys, password, agent ? agentSocket : null, interactive));
  }

  private static Proxy proxy(SshConfig ssh) {
    if (!notEmpty(ssh.sshProxyHost())) {
      return null;
    }
    return new Proxy(
        ssh.sshProxyHost(),
        ssh.sshProxyPort() == null ? 1080 : ssh.sshProxyPort(),
        notEmpty(ssh.sshProxyUsername()) ? ssh.sshProxyUsername() : null,
        notEmpty(ssh.sshProxyPassword()) ? ssh.sshProxyPassword() : null);
  }

  private static HostKeyPolicy hostKeys(
      SshConfig ssh, Function<String, Path> localPath, Problems problems) {
    if (notEmpty(ssh.sshHostKey()) && notEmpty(ssh.sshKnownHostsFile())) {
      problems.error(
          "ssh_known_hosts_file", "only one of ssh_host_key and ssh_known_hosts_file may be set");
    }
    HostKeyPolicy policy = new HostKeyPolicy.AcceptAny();
    if (notEmpty(ssh.sshKnownHostsFile())) {
      Path file = localPath.apply(ssh.sshKnownHostsFile());
      if (!Files.isRegularFile(file)) {
        problems.error(
            "ssh_known_hosts_file",
            "ssh_known_hosts_file is invalid: stat "
                + shown(ssh.sshKnownHostsFile(), localPath)
                + ": no such file or directory");
      }
      policy = new HostKeyPolicy.KnownHosts(file);
    }
    if (notEmpty(ssh.sshHostKey())) {
      try {
        policy = HostKeys.parsePin(ssh.sshHostKey());
      } catch (IllegalArgumentException e) {
        problems.error("ssh_host_key", "ssh_host_key is invalid: " + e.getMessage());
      }
    }
    return policy;
  }

  /** The key file at {@code path} if set, its problems reported (unreadable, encrypted, ...). */
  private static Path keyFile(
      String key, String path, Function<String, Path> localPath, Problems problems) {
    if (blank(path)) {
      return null;
    }
    Path file = localPath.apply(path);
    PrivateKeyFile.problem(file, shown(path, localPath))
        .ifPresent(p -> problems.error(key, key + " is invalid: " + p));
    return file;
  }

  private static Path certificateFile(
      String key, String path, Function<String, Path> localPath, Problems problems) {
    if (blank(path)) {
      return null;
    }
    Path file = localPath.apply(path);
    if (!Files.isRegularFile(file)) {
      problems.error(
          key, key + " is invalid: stat " + shown(path, localPath) + ": no such file or directory");
    }
    return file;
  }

  /** The path as the user wrote it, {@code ~} expanded (as Packer prints it). */
  private static String shown(String path, Function<String, Path> localPath) {
    return path.startsWith("~") ? localPath.apply(path).toString() : path;
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static ConnectFailure invalid(String message) {
    return new ConnectFailure(ConnectFailure.Kind.CONFIGURATION, message);
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
