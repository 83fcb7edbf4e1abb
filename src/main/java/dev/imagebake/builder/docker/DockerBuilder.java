package dev.imagebake.builder.docker;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.DockerIds;
import dev.imagebake.docker.DockerImageArtifact;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import dev.imagebake.sdk.steps.StepProvision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packer's docker builder: temp dir, pull, run, connect, provision, then commit (with {@code
 * ImageSha256} as generated data) or export, or neither for {@code discard}. The container is
 * removed by the run step's cleanup in every case, interrupts included.
 */
final class DockerBuilder implements Builder {
  static final String SHA_NOT_FOUND = "ERR_IMAGE_SHA256_NOT_FOUND";

  private final DockerBuilderConfig config;

  DockerBuilder(DockerBuilderConfig config) {
    this.config = config;
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    try (DockerEngine engine = DockerEngine.of(ctx)) {
      try {
        // A ping: the version's answer would only cost its deserializer.
        engine.api().pingCmd().exec();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "Docker engine not reachable: " + EngineErrors.describe(e), e);
      }
      StateBag state = new StateBag();
      state.put(DockerState.ENGINE, engine);
      List<Step> steps = new ArrayList<>();
      steps.add(new StepContainerDir(ctx.environment().get("PACKER_TMP_DIR")));
      steps.add(new StepPull(config));
      steps.add(new StepRunContainer(config));
      steps.add(StepConnectDocker.step(config));
      steps.add(new StepProvision(hook));
      if (config.isCommit()) {
        steps.add(new StepCommit(config));
      } else if (config.isExport()) {
        steps.add(new StepExport(ctx.workingDirectory().resolve(config.exportPath())));
      }
      ctx.runSteps(steps, state);
      if (config.isCommit()) {
        String image = state.require(DockerState.IMAGE_ID);
        Map<String, String> data = Map.of("ImageSha256", sha256(engine, image));
        StateKeys.addBuildData(state, data);
        return new DockerImageArtifact(
            DockerIds.IMPORT, image, List.of(), data, () -> DockerEngine.of(ctx));
      }
      return new ExportArtifact(
          config.isExport() ? ctx.workingDirectory().resolve(config.exportPath()) : null, Map.of());
    }
  }

  /** Packer's {@code StepSetGeneratedData}: the image's id as the engine reports it. */
  private static String sha256(DockerEngine engine, String image) {
    try {
      String id = engine.inspectImage(image).path("Id").asText("");
      return id.isEmpty() ? SHA_NOT_FOUND : id;
    } catch (RuntimeException e) {
      return SHA_NOT_FOUND;
    }
  }
}
