package dev.imagebake.postprocessor.dockerimport;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.DockerIds;
import dev.imagebake.docker.DockerImageArtifact;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Packer's docker-import: the artifact's first file (a flat tarball) becomes an image named {@code
 * repository[:tag]} with {@code changes} applied by the engine. The input is not kept by default.
 */
final class DockerImportPostProcessor implements PostProcessor {
  private final DockerImportConfig config;

  DockerImportPostProcessor(DockerImportConfig config) {
    this.config = config;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    if (!input.builderId().equals(DockerIds.BUILDER)
        && !input.builderId().equals(DockerIds.ARTIFICE)) {
      throw new IllegalArgumentException(
          "Unknown artifact type: "
              + input.builderId()
              + "\nCan only import from Docker builder and Artifice post-processor artifacts. If"
              + " you are getting this error after having run the docker builder, it may be"
              + " because you set commit: true in your Docker builder, so the image is already"
              + " imported. ");
    }
    if (input.files().isEmpty()) {
      throw new IllegalArgumentException(
          "docker-import: the artifact has no file to import (was the container discarded?)");
    }
    String repository = config.repository() == null ? "" : config.repository();
    String tag = config.tag() == null ? "" : config.tag();
    String importRepo = tag.isEmpty() ? repository : repository + ":" + tag;
    ctx.ui().message("Importing image: " + input.id());
    ctx.ui().message("Repository: " + importRepo);
    String id;
    try (DockerEngine engine = DockerEngine.of(ctx);
        InputStream tarball = Files.newInputStream(input.files().get(0))) {
      id =
          engine.importImage(
              tarball, repository, tag, config.changes() == null ? List.of() : config.changes());
    } catch (RuntimeException e) {
      throw new IllegalStateException("Error importing image: " + EngineErrors.describe(e), e);
    }
    ctx.ui().message("Imported ID: " + id);
    return new Result(
        new DockerImageArtifact(
            DockerIds.IMPORT,
            importRepo.isEmpty() ? id : importRepo,
            List.of(),
            Map.of(),
            () -> DockerEngine.of(ctx)),
        false,
        false);
  }
}
