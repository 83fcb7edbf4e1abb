package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.SshConfig;
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

  /**
   * Resolves the settings. {@code ssh_host}/{@code ssh_port} win over the target's.
   *
   * @param environment the process environment ({@code SSH_AUTH_SOCK})
   * @throws ConnectFailure of kind CONFIGURATION with Packer's message where it has one
   */
  static SshSettings resolve(
      CommunicatorConfig config,
      ConnectTarget target,
      Path workDir,
      Function<String, String> environment)
      throws ConnectFailure {
    SshConfig ssh = config.ssh();
    if (ssh == null) {
      throw invalid("An ssh_username must be specified");
    }
    String host = notEmpty(ssh.sshHost()) ? ssh.sshHost() : target.host();
    if (!notEmpty(host)) {
      throw invalid("a Host must be specified, please reference your communicator documentation");
    }
    int port = ssh.sshPort() != null ? ssh.sshPort() : target.port() > 0 ? target.port() : 22;
    if (!notEmpty(ssh.sshUsername())) {
      throw invalid("An ssh_username must be specified");
    }
    Path agentSocket = null;
    if (ssh.agentAuth() || Boolean.TRUE.equals(ssh.sshBastionAgentAuth())) {
      String socket = environment.apply("SSH_AUTH_SOCK");
      if (!notEmpty(socket)) {
        throw invalid("SSH_AUTH_SOCK is not set");
      }
      agentSocket = Path.of(socket);
    }
    if (notEmpty(ssh.sshBastionHost()) && notEmpty(ssh.sshProxyHost())) {
      throw invalid("please specify either ssh_bastion_host or ssh_proxy_host, not both");
    }

    Path certificate = path(ssh.sshCertificateFile(), workDir);
    List<KeySource> keys = new ArrayList<>();
    if (notEmpty(ssh.sshPrivateKeyFile())) {
      keys.add(new KeySource.File(path(ssh.sshPrivateKeyFile(), workDir), certificate));
    }
    if (notEmpty(target.privateKeyPem())) {
      keys.add(new KeySource.Pem("the builder's temporary key", target.privateKeyPem()));
    }
    String password = notEmpty(ssh.sshPassword()) ? ssh.sshPassword() : null;
    Hop machine =
        new Hop(
            host,
            port,
            new Credentials(
                ssh.sshUsername(), keys, password, ssh.agentAuth() ? agentSocket : null));

    return new SshSettings(
        machine,
        bastion(ssh, workDir, agentSocket),
        proxy(ssh),
        hostKeys(ssh, workDir),
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
        transferMethod(ssh),
        tunnels("ssh_local_tunnels", ssh.sshLocalTunnels()),
        tunnels("ssh_remote_tunnels", ssh.sshRemoteTunnels()),
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

  private static List<TunnelSpec> tunnels(String key, List<String> specs) throws ConnectFailure {
    List<TunnelSpec> tunnels = new ArrayList<>();
    if (specs != null) {
      for (String spec : specs) {
        tunnels.add(TunnelSpec.parse(key, spec));
      }
    }
    return List.copyOf(tunnels);
  }

  private static String transferMethod(SshConfig ssh) throws ConnectFailure {
    String method = ssh.fileTransferMethod();
    if (!method.equals("scp") && !method.equals("sftp")) {
      throw invalid(
          "ssh_file_transfer_method ('" + method + "') is invalid, valid methods: sftp, scp");
    }
    return method;
  }

  private static Hop bastion(SshConfig ssh, Path workDir, Path agentSocket) throws ConnectFailure {
    if (!notEmpty(ssh.sshBastionHost())) {
      return null;
    }
    String keyFile =
        notEmpty(ssh.sshBastionPrivateKeyFile())
            ? ssh.sshBastionPrivateKeyFile()
            : ssh.sshPrivateKeyFile();
    String certificate =
        notEmpty(ssh.sshBastionCertificateFile())
            ? ssh.sshBastionCertificateFile()
            : ssh.sshCertificateFile();
    String password = notEmpty(ssh.sshBastionPassword()) ? ssh.sshBastionPassword() : null;
    boolean agent = Boolean.TRUE.equals(ssh.sshBastionAgentAuth());
    boolean interactive = Boolean.TRUE.equals(ssh.sshBastionInteractive());
    if (password == null && !notEmpty(keyFile) && !agent && !interactive) {
      throw invalid("ssh_bastion_password or ssh_bastion_private_key_file must be specified");
    }
    List<KeySource> keys =
        notEmpty(keyFile)
            ? List.of(new KeySource.File(path(keyFile, workDir), path(certificate, workDir)))
            : List.of();
    String user = notEmpty(ssh.sshBastionUsername()) ? ssh.sshBastionUsername() : ssh.sshUsername();
    int port = ssh.sshBastionPort() == null ? 22 : ssh.sshBastionPort();
    return new Hop(
        ssh.sshBastionHost(),
        port,
        new Credentials(user, keys, password, agent ? agentSocket : null, interactive));
  }

  private static Proxy proxy(SshConfig ssh) throws ConnectFailure {
    if (!notEmpty(ssh.sshProxyHost())) {
      return null;
    }
    return new Proxy(
        ssh.sshProxyHost(),
        ssh.sshProxyPort() == null ? 1080 : ssh.sshProxyPort(),
        notEmpty(ssh.sshProxyUsername()) ? ssh.sshProxyUsername() : null,
        notEmpty(ssh.sshProxyPassword()) ? ssh.sshProxyPassword() : null);
  }

  private static HostKeyPolicy hostKeys(SshConfig ssh, Path workDir) throws ConnectFailure {
    if (notEmpty(ssh.sshHostKey())) {
      try {
        return HostKeys.parsePin(ssh.sshHostKey());
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
    }
    if (notEmpty(ssh.sshKnownHostsFile())) {
      return new HostKeyPolicy.KnownHosts(path(ssh.sshKnownHostsFile(), workDir));
    }
    return new HostKeyPolicy.AcceptAny();
  }

  /** Expands a leading {@code ~} and resolves relative paths against the working directory. */
  static Path path(String text, Path workDir) {
    if (!notEmpty(text)) {
      return null;
    }
    String expanded = text;
    if (text.equals("~") || text.startsWith("~/")) {
      expanded = System.getProperty("user.home") + text.substring(1);
    }
    return workDir.resolve(expanded).normalize();
  }

  private static ConnectFailure invalid(String message) {
    return new ConnectFailure(ConnectFailure.Kind.CONFIGURATION, message);
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
