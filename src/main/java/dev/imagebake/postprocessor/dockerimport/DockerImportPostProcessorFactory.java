package dev.imagebake.postprocessor.dockerimport;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code docker-import} post-processor. */
public final class DockerImportPostProcessorFactory
    implements PostProcessorFactory<DockerImportConfig> {
  private static final Set<String> INSTRUCTIONS =
      Set.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD", "USER", "VOLUME", "WORKDIR");

  public DockerImportPostProcessorFactory() {}

  @Override
  public String type() {
    return "docker-import";
  }

  @Override
  public Class<DockerImportConfig> configType() {
    return DockerImportConfig.class;
  }

  @Override
  public void check(DockerImportConfig config, ConfigCheck check) {
    List<String> changes = config.changes() == null ? List.of() : config.changes();
    for (int i = 0; i < changes.size(); i++) {
      String[] parts = changes.get(i).strip().split("\\s+", 2);
      String word = parts[0].toUpperCase(Locale.ROOT);
      if (!INSTRUCTIONS.contains(word)) {
        check.error(
            "changes/" + i,
            "changes: "
                + parts[0]
                + " is not an instruction docker import can apply; use one of "
                + String.join(", ", INSTRUCTIONS.stream().sorted().toList()));
      } else if (parts.length < 2 || parts[1].isBlank()) {
        check.error("changes/" + i, "changes: " + word + " needs arguments");
      }
    }
  }

  @Override
  public PostProcessor create(DockerImportConfig config) {
    return new DockerImportPostProcessor(config);
  }
}
