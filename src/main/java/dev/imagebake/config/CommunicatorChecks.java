package dev.imagebake.config;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The communicator rules every builder applies to its communicator keys (Packer's {@code
 * communicator.Config.Prepare}, reference §4), with Packer's wording. Builder-specific rules, such
 * as the null builder's required host, stay with the builder.
 */
public final class CommunicatorChecks {
  private final UnaryOperator<String> env;

  /**
   * @param env looks up environment variables ({@code SSH_AUTH_SOCK}); null when unset
   */
  public CommunicatorChecks(UnaryOperator<String> env) {
    this.env = env;
  }

  /** Checks against this process's environment. */
  public static CommunicatorChecks withSystemEnvironment() {
    return new CommunicatorChecks(System::getenv);
  }

  /**
   * Reports every problem of the communicator keys: ssh needs a user, readable unencrypted key
   * files, a valid file transfer method, bastion credentials, no proxy with a bastion, well-formed
   * tunnels and host-key pins; agent authentication without {@code SSH_AUTH_SOCK} is a warning (the
   * agent may only exist when the build runs); winrm is refused as not supported yet.
   */
  public void check(CommunicatorConfig comm, ConfigCheck check) {
    String type = comm.type();
    switch (type) {
      case "ssh" -> checkSsh(comm.ssh(), check);
      case "none", "docker" -> {}
      case "winrm" ->
          check.error("communicator", "the winrm communicator is not supported by imagebake yet");
      default -> check.error("communicator", "Communicator type " + type + " is invalid");
    }
  }

  private void checkSsh(SshConfig ssh, ConfigCheck check) {
    if (blank(ssh.sshPrivateKeyFile()) && !blank(ssh.sshCertificateFile())) {
      check.error(
          "ssh_certificate_file",
          "ssh_private_key_file must be specified if ssh_certificate_file is specified");
    }
    if (blank(ssh.sshBastionPrivateKeyFile()) && !blank(ssh.sshBastionCertificateFile())) {
      check.error(
          "ssh_bastion_certificate_file",
          "ssh_bastion_private_key_file must be specified if ssh_bastion_certificate_file is"
              + " specified");
    }
    if (blank(ssh.sshUsername())) {
      check.error(
          "ssh_username",
          "An ssh_username must be specified\n"
              + "  Note: some builders used to default ssh_username to \"root\".");
    }
    keyFile("ssh_private_key_file", ssh.sshPrivateKeyFile(), check);
    certificateFile("ssh_certificate_file", ssh.sshCertificateFile(), check);
    if (!blank(ssh.sshBastionHost())) {
      boolean bastionKey =
          !blank(ssh.sshBastionPrivateKeyFile()) || !blank(ssh.sshPrivateKeyFile());
      if (blank(ssh.sshBastionPassword())
          && !bastionKey
          && !Boolean.TRUE.equals(ssh.sshBastionAgentAuth())) {
        check.error(
            "ssh_bastion_host",
            "ssh_bastion_password or ssh_bastion_private_key_file must be specified");
      }
      keyFile("ssh_bastion_private_key_file", ssh.sshBastionPrivateKeyFile(), check);
      certificateFile("ssh_bastion_certificate_file", ssh.sshBastionCertificateFile(), check);
    }
    String method = ssh.fileTransferMethod();
    if (!method.equals("scp") && !method.equals("sftp")) {
      check.error(
          "ssh_file_transfer_method",
          "ssh_file_transfer_method ('" + method + "') is invalid, valid methods: sftp, scp");
    }
    if (!blank(ssh.sshBastionHost()) && !blank(ssh.sshProxyHost())) {
      check.error(
          "ssh_proxy_host", "please specify either ssh_bastion_host or ssh_proxy_host, not both");
    }
    tunnels("ssh_local_tunnels", ssh.sshLocalTunnels(), check);
    tunnels("ssh_remote_tunnels", ssh.sshRemoteTunnels(), check);
    if (ssh.agentAuth() || Boolean.TRUE.equals(ssh.sshBastionAgentAuth())) {
      String socket = env.apply("SSH_AUTH_SOCK");
      if (socket == null || socket.isEmpty()) {
        check.warn(
            ssh.agentAuth() ? "ssh_agent_auth" : "ssh_bastion_agent_auth",
            "SSH_AUTH_SOCK is not set: agent authentication will fail unless an ssh-agent runs"
                + " when the build starts");
      }
    }
    hostKeys(ssh, check);
  }

  private static void hostKeys(SshConfig ssh, ConfigCheck check) {
    if (!blank(ssh.sshHostKey()) && !blank(ssh.sshKnownHostsFile())) {
      check.error(
          "ssh_known_hosts_file", "only one of ssh_host_key and ssh_known_hosts_file may be set");
    }
    if (!blank(ssh.sshHostKey())) {
      HostKeySpec.problem(ssh.sshHostKey())
          .ifPresent(p -> check.error("ssh_host_key", "ssh_host_key is invalid: " + p));
    }
    if (!blank(ssh.sshKnownHostsFile())) {
      Path file = check.resolve(ssh.sshKnownHostsFile());
      if (!Files.isRegularFile(file)) {
        check.error(
            "ssh_known_hosts_file",
            "ssh_known_hosts_file is invalid: stat "
                + shown(ssh.sshKnownHostsFile(), check)
                + ": no such file or directory");
      }
    }
  }

  private static void keyFile(String key, String path, ConfigCheck check) {
    if (blank(path)) {
      return;
    }
    PrivateKeyFile.problem(check.resolve(path), shown(path, check))
        .ifPresent(p -> check.error(key, key + " is invalid: " + p));
  }

  private static void certificateFile(String key, String path, ConfigCheck check) {
    if (!blank(path) && !Files.isRegularFile(check.resolve(path))) {
      check.error(
          key, key + " is invalid: stat " + shown(path, check) + ": no such file or directory");
    }
  }

  private static void tunnels(String key, List<String> specs, ConfigCheck check) {
    if (specs == null) {
      return;
    }
    for (String spec : specs) {
      TunnelSpec.problem(spec)
          .ifPresent(p -> check.error(key, key + " ('" + spec + "') is invalid: " + p));
    }
  }

  /** The path as the user wrote it, {@code ~} expanded (as Packer prints it). */
  private static String shown(String path, ConfigCheck check) {
    return path.startsWith("~") ? check.resolve(path).toString() : path;
  }

  static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
