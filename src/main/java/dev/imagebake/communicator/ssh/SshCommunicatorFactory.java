package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.config.ConfigCheck;
import java.io.IOException;

/**
 * The {@code ssh} communicator (the default): its keys are checked and resolved by one parse
 * ({@link SshSettings}), at validate time and again before connecting.
 */
public final class SshCommunicatorFactory implements CommunicatorFactory {
  @Override
  public String type() {
    return "ssh";
  }

  @Override
  public void check(CommunicatorConfig config, ConfigCheck check) {
    SshSettings.check(config, check);
  }

  @Override
  public Communicator connect(CommunicatorConfig config, ConnectTarget target, BuildContext ctx)
      throws IOException {
    return new SshConnector().connect(config, target, ctx);
  }
}
