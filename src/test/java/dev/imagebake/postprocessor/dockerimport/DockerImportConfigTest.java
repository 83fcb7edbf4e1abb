package dev.imagebake.postprocessor.dockerimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.Blocks;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.PluginRegistry;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.TestRenderers;
import dev.imagebake.diag.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerImportConfigTest {
  @TempDir Path dir;

  @Test
  void loginEmailIsPackersDeprecatedKeyWithoutAReplacement() {
    String json =
        "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}],"
            + " \"post-processors\": [{\"type\": \"docker-import\", \"repository\": \"r\","
            + " \"login_email\": \"e\"}]}";
    ConfigBinder binder =
        new ConfigBinder(dir, dir.resolve("home"), Map.of(), PluginRegistry.load()::communicator);
    BindResult<DockerImportConfig> result =
        binder.bind(
            new DockerImportPostProcessorFactory(),
            Blocks.at(json, "/post-processors/0"),
            "/post-processors/0",
            TestLocations.of(json),
            TestRenderers.variables(Map.of()));

    assertThat(result.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.isError()).isTrue();
              assertThat(d.message())
                  .startsWith(
                      "Deprecated configuration key: 'login_email'. Please call `imagebake fix`");
              assertThat(d.hint()).isEqualTo("remove it");
              assertThat(d.source().pointer()).isEqualTo("/post-processors/0/login_email");
            });
    assertThat(result.diagnostics()).extracting(Diagnostic::message).hasSize(1);
  }
}
