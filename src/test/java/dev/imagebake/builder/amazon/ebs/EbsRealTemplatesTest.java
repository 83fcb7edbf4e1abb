package dev.imagebake.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.ValueRenderer;
import dev.imagebake.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real templates whose amazon-ebs block Packer 1.6.6 accepts (conformance corpus) are accepted too,
 * with their variables' defaults.
 */
class EbsRealTemplatesTest {
  private static final Path CORPUS = Path.of("/work/shared/conformance/real");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @ParameterizedTest
  @ValueSource(strings = {"17-kwilczynski-ubuntu-20.04.json", "27-terratest-packer-docker.json"})
  void acceptedAsPackerAcceptsThem(String file) throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "conformance corpus not present");
    String text = Files.readString(CORPUS.resolve(file));
    JsonNode template = MAPPER.readTree(text);
    Map<String, String> vars = new HashMap<>();
    template
        .path("variables")
        .properties()
        .forEach(e -> vars.put(e.getKey(), e.getValue().asString()));
    ValueRenderer renderer =
        new ValueRenderer() {
          @Override
          public String render(String raw) {
            String out = raw.replaceAll("\\{\\{isotime[^}]*}}", "2026-11-26T05-21-20Z");
            out = out.replace("{{timestamp}}", "1700000000");
            for (var v : vars.entrySet()) {
              out = out.replace("{{user `" + v.getKey() + "`}}", v.getValue());
            }
            return out;
          }

          @Override
          public void checkSyntax(String raw) {}
        };
    for (JsonNode b : template.path("builders")) {
      if (!"amazon-ebs".equals(b.path("type").asString())) {
        continue;
      }
      ObjectNode block = ((ObjectNode) b).deepCopy();
      block.remove("name");
      BindResult<EbsConfig> result =
          new ConfigBinder()
              .bind(
                  new EbsBuilderFactory(), block, "/builders/0", TestLocations.of(text), renderer);
      assertThat(result.diagnostics().stream().map(Diagnostic::message)).as(file).isEmpty();
    }
  }
}
