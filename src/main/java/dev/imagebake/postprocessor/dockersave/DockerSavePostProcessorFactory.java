package dev.imagebake.postprocessor.dockersave;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;

/** The {@code docker-save} post-processor. */
public final class DockerSavePostProcessorFactory
    implements PostProcessorFactory<DockerSaveConfig> {
  public DockerSavePostProcessorFactory() {}

  @Override
  public String type() {
    return "docker-save";
  }

  @Override
  public Class<DockerSaveConfig> configType() {
    return DockerSaveConfig.class;
  }

  @Override
  public void check(DockerSaveConfig config, ConfigCheck check) {
    if (config.path() == null || config.path().isEmpty()) {
      check.error("path", "path must be specified");
    } else if (!config.path().contains("{{") && Files.isDirectory(check.resolve(config.path()))) {
      check.error("path", "path must be a file, not a directory");
    }
  }

  @Override
  public PostProcessor create(DockerSaveConfig config) {
    return new DockerSavePostProcessor(config);
  }
}
