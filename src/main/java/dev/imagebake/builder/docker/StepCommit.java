package dev.imagebake.builder.docker;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;

/**
 * Packer's {@code StepCommit}: the container becomes an image with {@code author}, {@code message}
 * and the {@code changes} applied by the engine (so they mean exactly what {@code docker commit
 * --change} makes of them). The image is the artifact, so no cleanup removes it.
 */
final class StepCommit implements Step {
  private final DockerBuilderConfig config;

  StepCommit(DockerBuilderConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    DockerEngine engine = state.require(DockerState.ENGINE);
    String container = state.require(DockerState.CONTAINER_ID);
    ctx.ui().say("Committing the container");
    String imageId;
    try {
      imageId =
          engine.commit(container, config.author(), config.message(), config.changesOrEmpty());
    } catch (RuntimeException e) {
      throw new StepFailedException(
          name(), "Error committing container: " + EngineErrors.describe(e), e);
    }
    state.put(DockerState.IMAGE_ID, imageId);
    ctx.ui().message("Image ID: " + imageId);
  }
}
