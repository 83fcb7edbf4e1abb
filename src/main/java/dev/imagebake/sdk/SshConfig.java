package dev.imagebake.sdk;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.OneOf;
import dev.imagebake.sdk.config.RenamedKey;
import dev.imagebake.sdk.config.Secret;
import java.time.Duration;
import java.util.List;

/**
 * The SSH communicator keys (reference §4.2), with imagebake's host-key pinning added. The renamed
 * keys are the ones {@code packer fix} rewrites; Packer refuses them by name.
 */
@RenamedKey(key = "ssh_key_path", use = "ssh_private_key_file")
@RenamedKey(key = "ssh_disable_agent", use = "ssh_disable_agent_forwarding")
@RenamedKey(key = "ssh_host_port_min", use = "host_port_min")
@RenamedKey(key = "ssh_host_port_max", use = "host_port_max")
@RenamedKey(key = "ssh_skip_nat_mapping", use = "skip_nat_mapping")
public record SshConfig(
    @Doc("Host to connect to; required by the null builder.") String sshHost,
    @Doc("Port to connect to (default 22).") Integer sshPort,
    @Doc("User to log in as.") String sshUsername,
    @Doc("Password, offered as password and keyboard-interactive authentication.") @Secret
        String sshPassword,
    @Doc("Private key file (~ expanded).") String sshPrivateKeyFile,
    @Doc("OpenSSH certificate for the private key.") String sshCertificateFile,
    @Doc("Authenticate with the keys of the agent at SSH_AUTH_SOCK.") Boolean sshAgentAuth,
    @Doc("Existing cloud key pair name (cloud builders).") String sshKeypairName,
    @Doc("Name of a temporary key pair (cloud builders).") String temporaryKeyPairName,
    @Doc("Type of a temporary key pair.") @OneOf({"rsa", "ed25519", "ecdsa", "dsa"})
        String temporaryKeyPairType,
    @Doc("Bits of a temporary key pair.") Integer temporaryKeyPairBits,
    @Doc("Give up connecting after this long (default 5m).") Duration sshTimeout,
    @Doc("Deprecated alias of ssh_timeout; overrides it when set.") Duration sshWaitTimeout,
    @Doc("Authentication failures tolerated before giving up (default 10).")
        Integer sshHandshakeAttempts,
    @Doc("Request a pseudo-terminal for every command.") Boolean sshPty,
    @Doc("Do not forward the local agent.") Boolean sshDisableAgentForwarding,
    @Doc("Keep-alive interval while a command runs (default 5s; negative disables).")
        Duration sshKeepAliveInterval,
    @Doc("Fail a connection that is silent this long (default off).") Duration sshReadWriteTimeout,
    @Doc("Allowed ciphers, in order of preference.") List<String> sshCiphers,
    @Doc("Allowed key exchange algorithms, in order of preference.")
        List<String> sshKeyExchangeAlgorithms,
    @Doc("How files are copied: scp (default) or sftp.") @OneOf({"scp", "sftp"})
        String sshFileTransferMethod,
    @Doc("Remove the temporary key from authorized_keys after provisioning.")
        Boolean sshClearAuthorizedKeys,
    @Doc("Jump host to reach the machine through.") String sshBastionHost,
    @Doc("Jump host port (default 22).") Integer sshBastionPort,
    @Doc("Jump host user.") String sshBastionUsername,
    @Doc("Jump host password.") @Secret String sshBastionPassword,
    @Doc("Jump host private key file (default: ssh_private_key_file).")
        String sshBastionPrivateKeyFile,
    @Doc("Jump host certificate file.") String sshBastionCertificateFile,
    @Doc("Authenticate to the jump host with the agent.") Boolean sshBastionAgentAuth,
    @Doc("Answer the jump host's keyboard-interactive prompts on the terminal.")
        Boolean sshBastionInteractive,
    @Doc("SOCKS5 proxy host.") String sshProxyHost,
    @Doc("SOCKS5 proxy port (default 1080).") Integer sshProxyPort,
    @Doc("SOCKS5 proxy user.") String sshProxyUsername,
    @Doc("SOCKS5 proxy password.") @Secret String sshProxyPassword,
    @Doc("Local port forwards, [bind:]port:host:hostport.") List<String> sshLocalTunnels,
    @Doc("Remote port forwards, [bind:]port:host:hostport.") List<String> sshRemoteTunnels,
    @Doc(
            "imagebake: the host's public key (as in known_hosts, e.g. 'ssh-ed25519 AAAA...') or"
                + " its SHA256 fingerprint; the connection is refused when it differs.")
        String sshHostKey,
    @Doc("imagebake: a known_hosts file the host's key must be listed in.")
        String sshKnownHostsFile) {

  /**
   * These keys without {@code ssh_port}: for builders whose {@code ssh_port} is the guest's port
   * behind a forward, so the port to connect to comes from the builder's target.
   */
  public SshConfig withoutSshPort() {
    return new SshConfig(
        sshHost,
        null,
        sshUsername,
        sshPassword,
        sshPrivateKeyFile,
        sshCertificateFile,
        sshAgentAuth,
        sshKeypairName,
        temporaryKeyPairName,
        temporaryKeyPairType,
        temporaryKeyPairBits,
        sshTimeout,
        sshWaitTimeout,
        sshHandshakeAttempts,
        sshPty,
        sshDisableAgentForwarding,
        sshKeepAliveInterval,
        sshReadWriteTimeout,
        sshCiphers,
        sshKeyExchangeAlgorithms,
        sshFileTransferMethod,
        sshClearAuthorizedKeys,
        sshBastionHost,
        sshBastionPort,
        sshBastionUsername,
        sshBastionPassword,
        sshBastionPrivateKeyFile,
        sshBastionCertificateFile,
        sshBastionAgentAuth,
        sshBastionInteractive,
        sshProxyHost,
        sshProxyPort,
        sshProxyUsername,
        sshProxyPassword,
        sshLocalTunnels,
        sshRemoteTunnels,
        sshHostKey,
        sshKnownHostsFile);
  }

  public int port() {
    return sshPort == null ? 22 : sshPort;
  }

  public Duration timeout() {
    if (sshWaitTimeout != null) {
      return sshWaitTimeout;
    }
    return sshTimeout == null ? Duration.ofMinutes(5) : sshTimeout;
  }

  public int handshakeAttempts() {
    return sshHandshakeAttempts == null || sshHandshakeAttempts <= 0 ? 10 : sshHandshakeAttempts;
  }

  public Duration keepAliveInterval() {
    return sshKeepAliveInterval == null ? Duration.ofSeconds(5) : sshKeepAliveInterval;
  }

  public String fileTransferMethod() {
    return sshFileTransferMethod == null || sshFileTransferMethod.isEmpty()
        ? "scp"
        : sshFileTransferMethod;
  }

  public boolean pty() {
    return Boolean.TRUE.equals(sshPty);
  }

  public boolean agentAuth() {
    return Boolean.TRUE.equals(sshAgentAuth);
  }
}
