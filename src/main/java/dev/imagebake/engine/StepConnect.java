package dev.imagebake.engine;

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
 * Connects to the machine (Packer's {@code communicator.StepConnect}) with the build's {@link
 * BuildContext#connector()}; for {@code "communicator": "none"} installs a {@link NoneCommunicator}
 * without connecting.
 *
 * <p>Uses: whatever {@code target} reads (e.g. the instance address). Produces: {@link
 * StateKeys#COMMUNICATOR}; adds {@code ConnType}, {@code Host}, {@code Port}, {@code User} to
 * {@link StateKeys#BUILD_DATA}. Cleanup closes the communicator.
 */
public final class StepConnect implements Step {
  private final CommunicatorConfig config;
  private final Function<StateBag, ConnectTarget> target;

  /**
   * @param config the builder block's communicator keys (null: the plan's)
   * @param target where the builder says the machine is, read from the state when the step runs
   */
  public StepConnect(CommunicatorConfig config, Function<StateBag, ConnectTarget> target) {
    this.config = config;
    this.target = target;
  }

  /**
   * Uses the communicator keys of the build's plan ({@link BuildPlan#communicator()}); works only
   * under the engine's build context.
   *
   * @param target where the builder says the machine is, read from the state when the step runs
   */
  public StepConnect(Function<StateBag, ConnectTarget> target) {
    this(null, target);
  }

  /** For builders whose machine is wherever the config says ({@code ssh_host}, e.g. null). */
  public static StepConnect fromConfig(CommunicatorConfig config) {
    return new StepConnect(config, state -> ConnectTarget.fromConfig());
  }

  /** {@link #fromConfig} with the plan's communicator keys. */
  public static StepConnect toConfiguredHost() {
    return new StepConnect(state -> ConnectTarget.fromConfig());
  }

  private CommunicatorConfig config(BuildContext ctx) {
    if (config != null) {
      return config;
    }
    if (ctx instanceof EngineBuildContext engine) {
      return engine.plan().communicator();
    }
    throw new IllegalStateException(
        "StepConnect without a CommunicatorConfig needs the engine's build context");
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    CommunicatorConfig config = config(ctx);
    String type = config == null ? "ssh" : config.type();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ConnType", type);
    if ("none".equals(type)) {
      state.put(StateKeys.COMMUNICATOR, new NoneCommunicator());
      StateKeys.addBuildData(state, data);
      return;
    }
    ConnectTarget where = target.apply(state);
    Communicator comm = ctx.connector().connect(config, where, ctx);
    state.put(StateKeys.COMMUNICATOR, comm);
    SshConfig ssh = config == null ? null : config.ssh();
    String host = ssh != null && ssh.sshHost() != null ? ssh.sshHost() : where.host();
    int port =
        ssh != null && ssh.sshPort() != null
            ? ssh.sshPort()
            : where.port() > 0 ? where.port() : ssh == null ? 22 : ssh.port();
    putIfPresent(data, "Host", host);
    data.put("Port", Integer.toString(port));
    putIfPresent(data, "User", ssh == null ? null : ssh.sshUsername());
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

  private static void putIfPresent(Map<String, String> data, String key, String value) {
    if (value != null) {
      data.put(key, value);
    }
  }
}
