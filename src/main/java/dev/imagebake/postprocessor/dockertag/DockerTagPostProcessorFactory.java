package dev.imagebake.postprocessor.dockertag;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code docker-tag} post-processor. */
public final class DockerTagPostProcessorFactory implements PostProcessorFactory<DockerTagConfig> {
  /** Docker's tag grammar. */
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  public DockerTagPostProcessorFactory() {}

  @Override
  public String type() {
    return "docker-tag";
  }

  @Override
  public Class<DockerTagConfig> configType() {
    return DockerTagConfig.class;
  }

  @Override
  public void check(DockerTagConfig config, ConfigCheck check) {
    if (config.repository() == null || config.repository().isEmpty()) {
      check.error("repository", "repository must be specified");
    } else if (!config
        .repository()
        .equals(config.repository().toLowerCase(java.util.Locale.ROOT))) {
      check.error("repository", "repository name must be lowercase: " + config.repository());
    }
    checkTags("tags", config.tags(), check);
    checkTags("tag", config.tag(), check);
    if (config.tag() != null && !config.tag().isEmpty()) {
      check.warn(
          "tag",
          "Deprecation warning: \"tag\" option has been replaced with \"tags\". In future versions"
              + " of Packer, this configuration may not work.");
    }
  }

  private static void checkTags(String key, List<String> tags, ConfigCheck check) {
    if (tags == null) {
      return;
    }
    for (int i = 0; i < tags.size(); i++) {
      String t = tags.get(i);
      if (t != null && !t.contains("{{") && !TAG.matcher(t).matches()) {
        check.error(key + "/" + i, "not a valid Docker tag: " + t);
      }
    }
  }

  @Override
  public PostProcessor create(DockerTagConfig config) {
    return new DockerTagPostProcessor(config);
  }
}
