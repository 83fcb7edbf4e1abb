package dev.imagebake.communicator.none;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.steps.NoneCommunicator;

/** {@code "communicator": "none"}: nothing to connect to; only local provisioners work. */
public final class NoneCommunicatorFactory implements CommunicatorFactory {
  @Override
  public String type() {
    return "none";
  }

  @Override
  public Communicator connect(CommunicatorConfig config, ConnectTarget target, BuildContext ctx) {
    return new NoneCommunicator();
  }
}
