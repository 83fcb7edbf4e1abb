package dev.imagebake.postprocessor.dockertag;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.DockerIds;
import dev.imagebake.docker.DockerImageArtifact;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Packer's docker-tag: names the image {@code repository:tag} for each tag (or {@code repository}
 * alone). The result carries the names as {@code docker_tags} for docker-push; the input is kept
 * (Packer forces it: the tagged image is the same image). Unlike Packer, a failure half-way removes
 * the names already given, so nothing half-tagged stays.
 */
final class DockerTagPostProcessor implements PostProcessor {
  private final DockerTagConfig config;

  DockerTagPostProcessor(DockerTagConfig config) {
    this.config = config;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    if (!input.builderId().equals(DockerIds.TAG) && !input.builderId().equals(DockerIds.IMPORT)) {
      throw new IllegalArgumentException(
          "Unknown artifact type: "
              + input.builderId()
              + "\nCan only tag from Docker builder artifacts.");
    }
    String repository = config.repository();
    List<String> tags = config.allTags();
    List<String> given = new ArrayList<>();
    String last = repository;
    try (DockerEngine engine = DockerEngine.of(ctx)) {
      try {
        if (tags.isEmpty()) {
          tag(ctx, engine, input.id(), repository, null);
        } else {
          for (String tag : tags) {
            tag(ctx, engine, input.id(), repository, tag);
            given.add(repository + ":" + tag);
            last = repository + ":" + tag;
          }
        }
      } catch (RuntimeException e) {
        for (String name : given) {
          try {
            engine.api().removeImageCmd(name).withNoPrune(true).exec();
          } catch (RuntimeException undo) {
            ctx.ui().error("Could not remove the tag " + name + ": " + EngineErrors.describe(undo));
          }
        }
        throw new IllegalStateException("Error tagging image: " + EngineErrors.describe(e), e);
      }
    }
    return new Result(
        new DockerImageArtifact(
            DockerIds.TAG, last, given, input.generatedData(), () -> DockerEngine.of(ctx)),
        true,
        true);
  }

  private void tag(BuildContext ctx, DockerEngine engine, String image, String repo, String tag) {
    ctx.ui().message("Tagging image: " + image);
    ctx.ui().message("Repository: " + (tag == null ? repo : repo + ":" + tag));
    engine
        .api()
        .tagImageCmd(image, repo, tag == null ? "latest" : tag)
        .withForce(Boolean.TRUE.equals(config.force()))
        .exec();
  }
}
