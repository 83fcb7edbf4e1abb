package dev.imagebake.sdk.steps;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Connects to the machine through whichever communicator the block's {@code communicator} key names
 * (Packer's {@code communicator.StepConnect}), using {@link BuildContext#connector()}.
 *
 * <p>Uses: whatever {@code target} reads (e.g. the instance address). Produces: {@link
 * StateKeys#COMMUNICATOR}; adds {@code ConnType} and, for ssh, {@code Host}, {@code Port}, {@code
 * User}, {@code SSHPrivateKeyFile}, {@code SSHAgentAuth} (and {@code SSHPrivateKey}, the builder's
 * temporary key, when there is one) to {@link StateKeys#BUILD_DATA}. Cleanup closes the
 * communicator.
 */
public final class StepConnect implements Step {
  private final CommunicatorConfig config;
  private final Function<StateBag, ConnectTarget> target;

  /**
   * @param config the builder block's communicator keys
   * @param target where the builder says the machine is, read from the state when the step runs
   */
  public StepConnect(CommunicatorConfig config, Function<StateBag, ConnectTarget> target) {
    this.config = config;
    this.target = target;
  }

  /** For builders whose machine is wherever the config says ({@code ssh_host}, e.g. null). */
  public static StepConnect fromConfig(CommunicatorConfig config) {
    return new StepConnect(config, state -> ConnectTarget.fromConfig());
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    String type = config.type();
    ConnectTarget where = target.apply(state);
    Communicator comm = ctx.connector().connect(config, where, ctx);
    state.put(StateKeys.COMMUNICATOR, comm);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ConnType", type);
    if (type.equals("ssh")) {
      SshConfig ssh = config.ssh();
      String host = ssh.sshHost() != null ? ssh.sshHost() : where.host();
      int port = ssh.sshPort() != null ? ssh.sshPort() : where.port() > 0 ? where.port() : 22;
      if (host != null) {
        data.put("Host", host);
      }
      data.put("Port", Integer.toString(port));
      if (ssh.sshUsername() != null) {
        data.put("User", ssh.sshUsername());
      }
      // What Packer's generated data gives the remote ansible provisioner to log in without its
      // proxy: the key file, agent use, and the builder's temporary key (a secret).
      data.put("SSHPrivateKeyFile", ssh.sshPrivateKeyFile() == null ? "" : ssh.sshPrivateKeyFile());
      data.put("SSHAgentAuth", Boolean.toString(ssh.agentAuth()));
      if (where.privateKeyPem() != null && !where.privateKeyPem().isEmpty()) {
        ctx.addSecret(where.privateKeyPem());
        data.put("SSHPrivateKey", where.privateKeyPem());
      }
    }
    StateKeys.addBuildData(state, data);
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state.find(StateKeys.COMMUNICATOR).ifPresent(Communicator::close);
    state.remove(StateKeys.COMMUNICATOR);
  }

  @Override
  public String name() {
    return "StepConnect";
  }
}
