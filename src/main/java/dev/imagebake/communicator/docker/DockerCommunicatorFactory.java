package dev.imagebake.communicator.docker;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.ConnectTarget;

/**
 * The {@code docker} communicator (the docker builder's default): commands and files go through the
 * Docker Engine API into the container the builder started. It has no keys of its own; the builder
 * passes the container, {@code exec_user} and the upload owner as target attributes.
 */
public final class DockerCommunicatorFactory implements CommunicatorFactory {
  @Override
  public String type() {
    return "docker";
  }

  @Override
  public Communicator connect(CommunicatorConfig config, ConnectTarget target, BuildContext ctx)
      throws Exception {
    ContainerTarget container = ContainerTarget.of(target);
    DockerEngine docker = DockerEngine.of(ctx);
    try {
      var state = docker.inspectContainer(container.containerId()).path("State");
      if (!state.path("Running").asBoolean(false)) {
        throw new IllegalStateException(
            "container "
                + container.shortId()
                + " is not running"
                + (state.isMissingNode() ? "" : " (" + state.path("Status").asText() + ")"));
      }
    } catch (RuntimeException e) {
      docker.close();
      if (e instanceof IllegalStateException) {
        throw e;
      }
      throw new IllegalStateException(
          "cannot reach container " + container.shortId() + ": " + EngineErrors.describe(e), e);
    }
    return new DockerCommunicator(docker, container, ctx.cancellation());
  }
}
