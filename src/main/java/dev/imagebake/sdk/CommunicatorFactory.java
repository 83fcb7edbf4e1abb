package dev.imagebake.sdk;

import dev.imagebake.sdk.config.ConfigCheck;

/**
 * Makes connections of one communicator type ({@code ssh}, {@code none}, {@code docker}, ...), the
 * value of a builder block's {@code communicator} key. Found through {@link
 * java.util.ServiceLoader} like every plugin; implementations are public, have a public no-argument
 * constructor and no side effects until {@link #connect}.
 *
 * <p>The communicator's keys are flat in the builder block, as in Packer, and bound into the
 * block's {@link CommunicatorConfig}; {@link #check} and {@link #connect} read that one record.
 */
public interface CommunicatorFactory extends PluginFactory<CommunicatorConfig> {
  /** The value of {@code communicator} that selects this communicator, e.g. {@code ssh}. */
  @Override
  String type();

  @Override
  default Class<CommunicatorConfig> configType() {
    return CommunicatorConfig.class;
  }

  /**
   * Reports every problem of the keys this communicator reads, at validate time, with Packer's
   * wording (Packer's {@code communicator.Config.Prepare}), for every builder block that selects
   * it. Must not touch the network.
   */
  @Override
  default void check(CommunicatorConfig config, ConfigCheck check) {}

  /**
   * Waits until the machine accepts a connection (honouring the config's timeouts and {@code
   * ctx.cancellation()}), reporting progress on {@code ctx.ui()}, and returns the connected
   * communicator. The caller closes it.
   *
   * @param target where the builder says the machine is; keys set in {@code config} override it
   * @throws Exception with the real cause (refused, authentication rejected, host key mismatch)
   */
  Communicator connect(CommunicatorConfig config, ConnectTarget target, BuildContext ctx)
      throws Exception;
}
