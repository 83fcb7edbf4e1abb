package dev.imagebake.builder.docker;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.steps.StepConnect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SDK's connect step aimed at the container: the communicator (the {@code docker} plugin by
 * default) is told the container, {@code exec_user} and the owner of uploads ({@code
 * fix_upload_owner}: the container's configured user, as Packer reads it with {@code docker
 * inspect}) through the target's attributes, whose names the docker communicator documents.
 */
final class StepConnectDocker {
  private StepConnectDocker() {}

  static StepConnect step(DockerBuilderConfig config) {
    return new StepConnect(config.comm(), state -> target(config, state));
  }

  private static ConnectTarget target(DockerBuilderConfig config, StateBag state) {
    String id = state.require(DockerState.CONTAINER_ID);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("container_id", id);
    attributes.put("exec_user", config.execUser() == null ? "" : config.execUser());
    if (config.fixUploadOwnerOrDefault()) {
      DockerEngine engine = state.require(DockerState.ENGINE);
      String user = engine.inspectContainer(id).path("Config").path("User").asText("");
      attributes.put("upload_owner", user.isEmpty() ? "root" : user);
    }
    return new ConnectTarget(null, 0, null, attributes);
  }
}
