package dev.imagebake.postprocessor.dockerpush;

import dev.imagebake.docker.EcrLogin;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/** The {@code docker-push} post-processor. */
public final class DockerPushPostProcessorFactory
    implements PostProcessorFactory<DockerPushConfig> {
  public DockerPushPostProcessorFactory() {}

  @Override
  public String type() {
    return "docker-push";
  }

  @Override
  public Class<DockerPushConfig> configType() {
    return DockerPushConfig.class;
  }

  @Override
  public void check(DockerPushConfig config, ConfigCheck check) {
    if (config.loginEmail() != null) {
      // Packer keeps the key known so that it can name it; packer fix deletes it.
      check.error(
          "login_email",
          "Deprecated configuration key: 'login_email'."
              + " Please call `imagebake fix` (Packer's `packer fix`) against your template to update your template to be"
              + " compatible with the current version of Packer. Visit"
              + " https://www.packer.io/docs/commands/fix/ for more detail.");
    }
    if (Boolean.TRUE.equals(config.ecrLogin())) {
      if (config.loginServer() == null || config.loginServer().isEmpty()) {
        check.error("login_server", "ECR login requires login server to be provided.");
      } else if (EcrLogin.parse(config.loginServer()).isEmpty()) {
        // Packer finds this when it pushes; the address alone tells it.
        check.error("login_server", EcrLogin.parseError(config.loginServer()));
      }
    }
    if (Boolean.TRUE.equals(config.login())
        && (config.loginUsername() == null || config.loginUsername().isEmpty())) {
      check.error("login_username", "login requires login_username and login_password");
    }
  }

  @Override
  public PostProcessor create(DockerPushConfig config) {
    return new DockerPushPostProcessor(config);
  }
}
