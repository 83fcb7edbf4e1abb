package dev.imagebake.builder.docker;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.engine.StateKeys;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Connects the communicator to the container: the {@code docker} communicator plugin, found by its
 * type like every plugin, told the container, {@code exec_user} and the owner of uploads ({@code
 * fix_upload_owner}: the container's configured user, as Packer reads it with {@code docker
 * inspect}) through the target's attributes. With {@code communicator: none} nothing connects.
 */
final class StepConnectDocker implements Step {
  private final DockerBuilderConfig config;

  StepConnectDocker(DockerBuilderConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    String type = config.communicatorType();
    if (type.equals("none")) {
      StateKeys.addBuildData(state, Map.of("ConnType", "none"));
      return;
    }
    String id = state.require(DockerState.CONTAINER_ID);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("container_id", id);
    attributes.put("exec_user", config.execUser() == null ? "" : config.execUser());
    if (config.fixUploadOwnerOrDefault()) {
      DockerEngine engine = state.require(DockerState.ENGINE);
      var containerConfig = engine.api().inspectContainerCmd(id).exec().getConfig();
      String user = containerConfig == null ? null : containerConfig.getUser();
      attributes.put("upload_owner", user == null || user.isEmpty() ? "root" : user);
    }
    CommunicatorFactory factory = find(type);
    CommunicatorConfig comm =
        config.comm() == null ? new CommunicatorConfig(type, null, null, null) : config.comm();
    Communicator communicator =
        factory.connect(comm, new ConnectTarget(null, 0, null, attributes), ctx);
    state.put(StateKeys.COMMUNICATOR, communicator);
    StateKeys.addBuildData(state, Map.of("ConnType", type));
  }

  private static CommunicatorFactory find(String type) {
    for (CommunicatorFactory f : ServiceLoader.load(CommunicatorFactory.class)) {
      if (f.type().equals(type)) {
        return f;
      }
    }
    throw new IllegalStateException("no communicator plugin of type " + type + " is installed");
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state.find(StateKeys.COMMUNICATOR).ifPresent(Communicator::close);
    state.remove(StateKeys.COMMUNICATOR);
  }
}
