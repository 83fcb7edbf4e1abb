package dev.imagebake.builder.docker;

import com.github.dockerjava.api.command.PullImageResultCallback;
import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.EcrLogin;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.docker.ImageRef;
import dev.imagebake.docker.RegistryLogin;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;

/**
 * Packer's {@code StepPull}: pulls {@code image} unless {@code pull} is false, with the login's
 * credentials when {@code login} is set, or with the user and password an ECR token gives when
 * {@code ecr_login} is set ({@link EcrLogin}).
 */
final class StepPull implements Step {
  private final DockerBuilderConfig config;

  StepPull(DockerBuilderConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (!config.pullOrDefault()) {
      return;
    }
    ctx.ui().say("Pulling Docker image: " + config.image());
    DockerEngine engine = state.require(DockerState.ENGINE);
    RegistryLogin login = null;
    if (Boolean.TRUE.equals(config.ecrLogin())) {
      ctx.ui().message("Fetching ECR credentials...");
      try {
        login =
            new EcrLogin(
                    config.awsAccessKey(),
                    config.awsSecretKey(),
                    config.awsToken(),
                    config.awsProfile())
                .login(config.loginServer(), ctx.environment(), ctx.homeDirectory());
      } catch (RuntimeException e) {
        throw new StepFailedException(
            name(), "Error fetching ECR credentials: " + e.getMessage(), e);
      }
    } else if (Boolean.TRUE.equals(config.login())) {
      login =
          new RegistryLogin(config.loginServer(), config.loginUsername(), config.loginPassword());
    }
    if (login != null) {
      ctx.addSecret(login.password());
      ctx.ui().message("Logging in...");
      try {
        login.verify(engine.api());
      } catch (RuntimeException e) {
        throw new StepFailedException(name(), "Error logging in: " + EngineErrors.describe(e), e);
      }
    }
    ImageRef ref = ImageRef.parse(config.image());
    var pull = engine.api().pullImageCmd(ref.repository()).withTag(ref.tagOrLatest());
    if (login != null) {
      pull.withAuthConfig(login.authConfig());
    }
    PullImageResultCallback callback = new PullImageResultCallback();
    try (AutoCloseable hook = ctx.cancellation().onCancel(() -> close(callback))) {
      pull.exec(callback).awaitCompletion();
    } catch (RuntimeException e) {
      ctx.cancellation().throwIfCancelled();
      throw new StepFailedException(
          name(), "Error pulling Docker image: " + EngineErrors.describe(e), e);
    }
    ctx.cancellation().throwIfCancelled();
  }

  private static void close(PullImageResultCallback callback) {
    try {
      callback.close();
    } catch (Exception ignored) {
      // the pull is being abandoned
    }
  }
}
