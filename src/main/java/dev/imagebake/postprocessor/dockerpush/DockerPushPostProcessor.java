package dev.imagebake.postprocessor.dockerpush;

import com.github.dockerjava.api.command.PushImageCmd;
import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.DockerIds;
import dev.imagebake.docker.DockerImageArtifact;
import dev.imagebake.docker.EcrLogin;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.docker.ImageRef;
import dev.imagebake.docker.RegistryLogin;
import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Packer's docker-push: pushes the artifact's name and every name docker-tag gave it, with the
 * login's credentials when {@code login} is set (given to the engine with each push; nothing is
 * written to {@code ~/.docker/config.json}). Each name is pushed once (Packer pushes the last tag
 * twice).
 */
final class DockerPushPostProcessor implements PostProcessor {
  private final DockerPushConfig config;

  DockerPushPostProcessor(DockerPushConfig config) {
    this.config = config;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    if (!input.builderId().equals(DockerIds.IMPORT) && !input.builderId().equals(DockerIds.TAG)) {
      throw new IllegalArgumentException(
          "Unknown artifact type: "
              + input.builderId()
              + "\nCan only import from docker-import and docker-tag artifacts.");
    }
    List<String> tags = DockerImageArtifact.tagsOf(input);
    Set<String> names = new LinkedHashSet<>();
    names.add(input.id());
    names.addAll(tags);
    try (DockerEngine engine = DockerEngine.of(ctx)) {
      RegistryLogin login = null;
      if (Boolean.TRUE.equals(config.ecrLogin())) {
        ctx.ui().message("Fetching ECR credentials...");
        // Packer returns EcrGetLogin's error as it is.
        login =
            new EcrLogin(
                    config.awsAccessKey(),
                    config.awsSecretKey(),
                    config.awsToken(),
                    config.awsProfile())
                .login(config.loginServer(), ctx.environment(), ctx.homeDirectory());
      } else if (Boolean.TRUE.equals(config.login())) {
        login =
            new RegistryLogin(config.loginServer(), config.loginUsername(), config.loginPassword());
      }
      if (login != null) {
        if (login.password() != null) {
          ctx.addSecret(login.password());
        }
        ctx.ui().message("Logging in...");
        try {
          login.verify(engine.api());
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "Error logging in to Docker: " + EngineErrors.describe(e), e);
        }
      }
      for (String name : names) {
        ctx.cancellation().throwIfCancelled();
        ctx.ui().message("Pushing: " + name);
        push(engine, name, login);
      }
    }
    return new Result(
        new DockerImageArtifact(
            DockerIds.IMPORT, input.id(), tags, input.generatedData(), () -> DockerEngine.of(ctx)),
        true,
        false);
  }

  private static void push(DockerEngine engine, String name, RegistryLogin login)
      throws InterruptedException {
    ImageRef ref = ImageRef.parse(name);
    PushImageCmd push = engine.api().pushImageCmd(ref.repository()).withTag(ref.tagOrLatest());
    if (login != null) {
      push.withAuthConfig(login.authConfig());
    }
    PushProgress progress = new PushProgress();
    try {
      push.exec(progress).awaitCompletion();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Error pushing " + name + ": " + EngineErrors.describe(e), e);
    }
    if (progress.error() != null) {
      throw new IllegalStateException("Error pushing " + name + ": " + progress.error());
    }
  }
}
