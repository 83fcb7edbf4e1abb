package dev.imagebake.plan;

import dev.imagebake.config.PluginRegistry;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.Connector;
import java.io.IOException;

/**
 * Connects through the communicator plugin a block's {@code communicator} key selects, found in the
 * registry like every other plugin.
 */
public final class PluginConnector implements Connector {
  private final PluginRegistry plugins;

  public PluginConnector(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  @Override
  public Communicator connect(CommunicatorConfig config, ConnectTarget target, BuildContext ctx)
      throws Exception {
    CommunicatorFactory factory =
        plugins
            .communicator(config.type())
            .orElseThrow(
                () -> new IOException("Communicator type " + config.type() + " is invalid"));
    return factory.connect(config, target, ctx);
  }
}
