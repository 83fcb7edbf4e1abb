package dev.imagebake.builder.nullhost;

import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.config.ConfigCheck;

/** The {@code null} builder (Packer's {@code fnoeding.null}). */
public final class NullBuilderFactory implements BuilderFactory<NullBuilderConfig> {

  @Override
  public String type() {
    return "null";
  }

  @Override
  public Class<NullBuilderConfig> configType() {
    return NullBuilderConfig.class;
  }

  /**
   * Packer's null-builder rules: unless the communicator is {@code none}, a host, a user and
   * exactly one authentication method are required. All problems are reported at once.
   */
  @Override
  public void check(NullBuilderConfig config, ConfigCheck check) {
    if (!config.comm().type().equals("ssh")) {
      // none needs nothing; other communicators check their own keys.
      return;
    }
    SshConfig ssh = config.comm().ssh();
    if (blank(ssh.sshHost())) {
      check.error(
          "ssh_host", "a Host must be specified, please reference your communicator documentation");
    }
    if (blank(ssh.sshUsername())) {
      check.error(
          "ssh_username",
          "a Username must be specified, please reference your communicator documentation");
    }
    boolean agent = ssh.agentAuth();
    boolean password = !blank(ssh.sshPassword());
    boolean key = !blank(ssh.sshPrivateKeyFile());
    if (!agent && !password && !key) {
      check.error(
          "one authentication method must be specified, please reference your communicator"
              + " documentation");
    }
    if ((agent && (password || key)) || (password && key)) {
      check.error(
          "only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified");
    }
  }

  @Override
  public Builder create(NullBuilderConfig config) {
    return new NullBuilder(config);
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
