package dev.imagebake.testing;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.SshConfig;
import java.time.Duration;
import java.util.List;

/**
 * Builds {@link SshConfig} (and {@link CommunicatorConfig}) values in tests: every key starts unset
 * (null) and has a setter named like the record component.
 *
 * <pre>{@code
 * CommunicatorConfig config = SshConfigBuilder.forServer(sshd).sshTimeout(Duration.ofSeconds(30)).communicatorConfig();
 * }</pre>
 */
public final class SshConfigBuilder {
  private String sshHost;
  private Integer sshPort;
  private String sshUsername;
  private String sshPassword;
  private String sshPrivateKeyFile;
  private String sshCertificateFile;
  private Boolean sshAgentAuth;
  private String sshKeypairName;
  private String temporaryKeyPairName;
  private String temporaryKeyPairType;
  private Integer temporaryKeyPairBits;
  private Duration sshTimeout;
  private Duration sshWaitTimeout;
  private Integer sshHandshakeAttempts;
  private Boolean sshPty;
  private Boolean sshDisableAgentForwarding;
  private Duration sshKeepAliveInterval;
  private Duration sshReadWriteTimeout;
  private List<String> sshCiphers;
  private List<String> sshKeyExchangeAlgorithms;
  private String sshFileTransferMethod;
  private Boolean sshClearAuthorizedKeys;
  private String sshBastionHost;
  private Integer sshBastionPort;
  private String sshBastionUsername;
  private String sshBastionPassword;
  private String sshBastionPrivateKeyFile;
  private String sshBastionCertificateFile;
  private Boolean sshBastionAgentAuth;
  private Boolean sshBastionInteractive;
  private String sshProxyHost;
  private Integer sshProxyPort;
  private String sshProxyUsername;
  private String sshProxyPassword;
  private List<String> sshLocalTunnels;
  private List<String> sshRemoteTunnels;
  private String sshHostKey;
  private String sshKnownHostsFile;
  private Duration pauseBeforeConnecting;

  /** All keys unset. */
  public static SshConfigBuilder empty() {
    return new SshConfigBuilder();
  }

  /** Host, port, user and client key of a running {@link OpenSshServer}. */
  public static SshConfigBuilder forServer(OpenSshServer server) {
    return new SshConfigBuilder()
        .sshHost(server.host())
        .sshPort(server.port())
        .sshUsername(server.user())
        .sshPrivateKeyFile(server.clientKey().toString());
  }

  public SshConfigBuilder sshHost(String value) {
    this.sshHost = value;
    return this;
  }

  public SshConfigBuilder sshPort(Integer value) {
    this.sshPort = value;
    return this;
  }

  public SshConfigBuilder sshUsername(String value) {
    this.sshUsername = value;
    return this;
  }

  public SshConfigBuilder sshPassword(String value) {
    this.sshPassword = value;
    return this;
  }

  public SshConfigBuilder sshPrivateKeyFile(String value) {
    this.sshPrivateKeyFile = value;
    return this;
  }

  public SshConfigBuilder sshCertificateFile(String value) {
    this.sshCertificateFile = value;
    return this;
  }

  public SshConfigBuilder sshAgentAuth(Boolean value) {
    this.sshAgentAuth = value;
    return this;
  }

  public SshConfigBuilder sshKeypairName(String value) {
    this.sshKeypairName = value;
    return this;
  }

  public SshConfigBuilder temporaryKeyPairName(String value) {
    this.temporaryKeyPairName = value;
    return this;
  }

  public SshConfigBuilder temporaryKeyPairType(String value) {
    this.temporaryKeyPairType = value;
    return this;
  }

  public SshConfigBuilder temporaryKeyPairBits(Integer value) {
    this.temporaryKeyPairBits = value;
    return this;
  }

  public SshConfigBuilder sshTimeout(Duration value) {
    this.sshTimeout = value;
    return this;
  }

  public SshConfigBuilder sshWaitTimeout(Duration value) {
    this.sshWaitTimeout = value;
    return this;
  }

  public SshConfigBuilder sshHandshakeAttempts(Integer value) {
    this.sshHandshakeAttempts = value;
    return this;
  }

  public SshConfigBuilder sshPty(Boolean value) {
    this.sshPty = value;
    return this;
  }

  public SshConfigBuilder sshDisableAgentForwarding(Boolean value) {
    this.sshDisableAgentForwarding = value;
    return this;
  }

  public SshConfigBuilder sshKeepAliveInterval(Duration value) {
    this.sshKeepAliveInterval = value;
    return this;
  }

  public SshConfigBuilder sshReadWriteTimeout(Duration value) {
    this.sshReadWriteTimeout = value;
    return this;
  }

  public SshConfigBuilder sshCiphers(List<String> value) {
    this.sshCiphers = value;
    return this;
  }

  public SshConfigBuilder sshKeyExchangeAlgorithms(List<String> value) {
    this.sshKeyExchangeAlgorithms = value;
    return this;
  }

  public SshConfigBuilder sshFileTransferMethod(String value) {
    this.sshFileTransferMethod = value;
    return this;
  }

  public SshConfigBuilder sshClearAuthorizedKeys(Boolean value) {
    this.sshClearAuthorizedKeys = value;
    return this;
  }

  public SshConfigBuilder sshBastionHost(String value) {
    this.sshBastionHost = value;
    return this;
  }

  public SshConfigBuilder sshBastionPort(Integer value) {
    this.sshBastionPort = value;
    return this;
  }

  public SshConfigBuilder sshBastionUsername(String value) {
    this.sshBastionUsername = value;
    return this;
  }

  public SshConfigBuilder sshBastionPassword(String value) {
    this.sshBastionPassword = value;
    return this;
  }

  public SshConfigBuilder sshBastionPrivateKeyFile(String value) {
    this.sshBastionPrivateKeyFile = value;
    return this;
  }

  public SshConfigBuilder sshBastionCertificateFile(String value) {
    this.sshBastionCertificateFile = value;
    return this;
  }

  public SshConfigBuilder sshBastionAgentAuth(Boolean value) {
    this.sshBastionAgentAuth = value;
    return this;
  }

  public SshConfigBuilder sshBastionInteractive(Boolean value) {
    this.sshBastionInteractive = value;
    return this;
  }

  public SshConfigBuilder sshProxyHost(String value) {
    this.sshProxyHost = value;
    return this;
  }

  public SshConfigBuilder sshProxyPort(Integer value) {
    this.sshProxyPort = value;
    return this;
  }

  public SshConfigBuilder sshProxyUsername(String value) {
    this.sshProxyUsername = value;
    return this;
  }

  public SshConfigBuilder sshProxyPassword(String value) {
    this.sshProxyPassword = value;
    return this;
  }

  public SshConfigBuilder sshLocalTunnels(List<String> value) {
    this.sshLocalTunnels = value;
    return this;
  }

  public SshConfigBuilder sshRemoteTunnels(List<String> value) {
    this.sshRemoteTunnels = value;
    return this;
  }

  public SshConfigBuilder sshHostKey(String value) {
    this.sshHostKey = value;
    return this;
  }

  public SshConfigBuilder sshKnownHostsFile(String value) {
    this.sshKnownHostsFile = value;
    return this;
  }

  /** The top-level {@code pause_before_connecting} key of the communicator config. */
  public SshConfigBuilder pauseBeforeConnecting(Duration value) {
    this.pauseBeforeConnecting = value;
    return this;
  }

  public SshConfig build() {
    return new SshConfig(
        sshHost,
        sshPort,
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

  /** A {@code communicator: ssh} config with these keys. */
  public CommunicatorConfig communicatorConfig() {
    return new CommunicatorConfig("ssh", pauseBeforeConnecting, build(), null);
  }
}
