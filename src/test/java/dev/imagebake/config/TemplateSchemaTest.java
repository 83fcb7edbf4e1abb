package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TemplateSchemaTest {
  private static final String REGENERATE =
      "mvn -q -B -o test -Dtest=TemplateSchemaTest -Dimagebake.updateSchema=true";
  private static final Path CORPUS = Path.of("/work/shared/conformance/real");
  private static final JsonMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final PluginRegistry REGISTRY = PluginRegistry.load();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(TemplateSchema.generate(REGISTRY));

  @Test
  void committedSchemaFileIsWhatTheCodeGenerates() throws IOException {
    Path file = Path.of(TemplateSchema.FILE);
    String generated = TemplateSchema.toJson(REGISTRY);
    if (Boolean.getBoolean("imagebake.updateSchema")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated);
    }
    if (!Files.exists(file) || !Files.readString(file).equals(generated)) {
      fail(file + " is out of date with the plugins' config records; regenerate it: " + REGENERATE);
    }
  }

  @Test
  void generatedSchemaIsAValidDraft202012Schema() {
    Schema metaSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(SchemaGenerator.DIALECT));

    assertThat(metaSchema.validate(TemplateSchema.generate(REGISTRY))).isEmpty();
  }

  @Test
  void validTemplateInAllItsFormsPasses() {
    String template =
        """
        {
          "_comment": "all the forms",
          "description": "demo",
          "min_packer_version": "1.6.0",
          "variables": {"user": "ubuntu", "required": null},
          "sensitive-variables": ["user"],
          "builders": [
            {"type": "null", "name": "a", "ssh_host": "h", "ssh_username": "{{user `user`}}",
             "ssh_port": "22", "ssh_pty": "true", "ssh_timeout": "5m", "ssh_ciphers": "a,b"},
            {"type": "null", "name": "b", "communicator": "none", "packer_debug": true},
            {"type": "virtualbox-iso", "anything": 1}
          ],
          "provisioners": [
            {"type": "shell", "inline": ["true"], "only": ["a"], "pause_before": "10s",
             "max_retries": "3", "timeout": "5m", "override": {"a": {"inline": ["false"]}}}
          ],
          "error-cleanup-provisioner": {"type": "shell-local", "inline": ["echo"]},
          "post-processors": [
            "compress",
            {"type": "manifest", "name": "m", "keep_input_artifact": true},
            ["checksum", {"type": "shell-local", "except": ["b"], "inline": ["true"]}]
          ],
          "push": {"name": "legacy"}
        }
        """;

    assertThat(errors(template)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"builders\": [{\"type\": \"null\"}], \"foo\": 1}",
        "{\"builders\": [{\"type\": \"null\"}], \"_c\": 1}",
        "{\"builders\": []}",
        "{\"builders\": [{\"name\": \"x\"}]}",
        "{\"builders\": [{\"type\": \"null\", \"ssh_usernme\": \"u\"}]}",
        "{\"builders\": [{\"type\": \"null\", \"ssh_port\": \"abc\"}]}",
        "{\"builders\": [{\"type\": \"null\"}], \"variables\": {\"d\": 5}}",
        "{\"builders\": [{\"type\": \"null\"}], \"provisioners\": [{\"type\": \"shell\","
            + " \"only\": [\"a\"], \"except\": [\"b\"]}]}",
        "{\"builders\": [{\"type\": \"null\"}], \"provisioners\": [{\"type\": \"shell\","
            + " \"pause_before\": \"abc\"}]}",
        "{\"builders\": [{\"type\": \"null\"}], \"post-processors\": [[[\"compress\"]]]}",
        "{\"builders\": [{\"type\": \"null\"}], \"post-processors\": [5]}",
        "{\"builders\": [{\"type\": \"null\"}], \"post-processors\": [{\"name\": \"x\"}]}"
      })
  void invalidTemplatesFail(String template) {
    assertThat(errors(template)).isNotEmpty();
  }

  static Stream<Arguments> corpus() throws IOException {
    if (!Files.isDirectory(CORPUS)) {
      return Stream.empty();
    }
    Map<String, String> syntaxVerdicts =
        Files.readAllLines(CORPUS.resolve("PACKER-1.6.6.tsv")).stream()
            .skip(1)
            .map(line -> line.split("\t"))
            .collect(Collectors.toMap(f -> f[0], f -> f[1]));
    List<Arguments> cases = new ArrayList<>();
    syntaxVerdicts.forEach((file, rc) -> cases.add(Arguments.of(file, rc.equals("0"))));
    return cases.stream().sorted((a, b) -> a.get()[0].toString().compareTo(b.get()[0].toString()));
  }

  /**
   * Packer's own syntax check (its parse step) and the template schema agree on the real corpus;
   * plugin-level checks only apply to the registered plugins, which is why the template schema does
   * not reject plugin blocks of other types.
   */
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("corpus")
  void realTemplatesPassWhenPackerParsesThem(String file, boolean packerParses) throws IOException {
    String text = Files.readString(CORPUS.resolve(file));
    JsonNode template;
    try {
      template = STRICT.readTree(text);
    } catch (tools.jackson.core.JacksonException e) {
      assertThat(packerParses)
          .as("Packer parses what Jackson refuses: " + e.getMessage())
          .isFalse();
      return;
    }
    List<Error> errors = SCHEMA.validate(template);
    if (packerParses) {
      assertThat(errors).as("schema errors in " + file).isEmpty();
    } else {
      assertThat(errors).as("schema errors in " + file).isNotEmpty();
    }
  }

  private static List<String> errors(String template) {
    return SCHEMA.validate(Blocks.MAPPER.readTree(template)).stream().map(Error::toString).toList();
  }
}
