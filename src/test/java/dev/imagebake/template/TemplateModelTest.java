package dev.imagebake.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the parser puts into the records, on golden/parse/valid-full.json. */
class TemplateModelTest {
  private static LoadedTemplate loaded;
  private static Template t;

  @BeforeAll
  static void load() throws IOException {
    Path file = Path.of("src/test/resources/golden/parse/valid-full.json");
    loaded = TemplateLoader.parse(file, Files.readAllBytes(file));
    t = loaded.template();
    assertThat(loaded.diagnostics().all()).isEmpty();
  }

  @Test
  void rootValues() {
    assertThat(t.description()).isEqualTo("demo");
    assertThat(t.minPackerVersion()).isEqualTo("1.5.0");
    assertThat(t.comments()).containsExactly(Map.entry("_comment", "everything valid"));
    assertThat(t.variables())
        .containsExactly(
            new TemplateVariable("region", "us-east-1", "/variables/region"),
            new TemplateVariable("req", null, "/variables/req"),
            new TemplateVariable("home", "{{env `HOME`}}", "/variables/home"));
    assertThat(t.variables().get(1).required()).isTrue();
    assertThat(t.sensitiveVariables()).containsExactly("req");
  }

  @Test
  void buildersDefaultTheirNameToTheTypeAndLoseTypeAndName() {
    assertThat(t.builders()).extracting(BuilderBlock::rawName).containsExactly("a", "null");
    BuilderBlock b = t.builders().get(0);
    assertThat(b.index()).isZero();
    assertThat(b.type()).isEqualTo("null");
    assertThat(b.pointer()).isEqualTo("/builders/0");
    assertThat(b.config().propertyNames()).containsExactly("communicator");
    assertThat(t.builder("null").index()).isEqualTo(1);
    assertThat(t.builder("nope")).isNull();
  }

  @Test
  void provisionerSpecialKeysAreDecodedAndRemoved() {
    ProvisionerBlock p = t.provisioners().get(0);
    assertThat(p.type()).isEqualTo("shell-local");
    assertThat(p.only()).containsExactly("a");
    assertThat(p.except()).isEmpty();
    assertThat(p.pauseBefore()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.maxRetries()).isEqualTo("{{user `region`}}");
    assertThat(p.config().propertyNames()).containsExactly("inline");
    ProvisionerBlock q = t.provisioners().get(1);
    assertThat(q.override()).containsOnlyKeys("null");
    assertThat(q.override().get("null").get("inline").get(0).stringValue()).isEqualTo("echo null");
    assertThat(q.pauseBefore()).isEqualTo(Duration.ZERO);
    assertThat(q.maxRetries()).isNull();
    assertThat(q.config().has("override")).isFalse();
    assertThat(t.errorCleanupProvisioner().pointer()).isEqualTo("/error-cleanup-provisioner");
  }

  @Test
  void postProcessorsInEveryForm() {
    assertThat(t.postProcessors()).hasSize(2);
    PostProcessorBlock manifest = t.postProcessors().get(0).get(0);
    assertThat(manifest.type()).isEqualTo("manifest");
    assertThat(manifest.name()).isEqualTo("manifest");
    assertThat(manifest.config().isEmpty()).isTrue();
    assertThat(manifest.pointer()).isEqualTo("/post-processors/0");
    PostProcessorBlock checksum = t.postProcessors().get(1).get(0);
    assertThat(checksum.chainIndex()).isEqualTo(1);
    assertThat(checksum.index()).isZero();
    assertThat(checksum.except()).containsExactly("a");
    assertThat(checksum.keepInputArtifact()).isNull();
    assertThat(checksum.pointer()).isEqualTo("/post-processors/1/0");
    assertThat(checksum.config().has("except")).isFalse();
  }

  @Test
  void pluginKeysStayInTheConfigForThePluginToJudge() {
    LoadedTemplate l =
        TemplateLoader.parse(
            Path.of("t.json"),
            ("{\"builders\":[{\"type\":\"null\",\"_comment\":\"x\"}],"
                    + "\"provisioners\":[{\"type\":\"shell\",\"name\":\"n\",\"max_retries\":\"x\"}],"
                    + "\"post-processors\":[{\"type\":\"manifest\",\"name\":\"m\","
                    + "\"keep_input_artifact\":false,\"filename\":\"f\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(l.diagnostics().all()).isEmpty();
    assertThat(l.template().builders().get(0).config().has("_comment")).isTrue();
    ProvisionerBlock p = l.template().provisioners().get(0);
    assertThat(p.config().get("name").stringValue()).isEqualTo("n");
    assertThat(p.maxRetries()).isEqualTo("x");
    PostProcessorBlock pp = l.template().postProcessors().get(0).get(0);
    assertThat(pp.name()).isEqualTo("m");
    assertThat(pp.keepInputArtifact()).isFalse();
    assertThat(pp.config().propertyNames()).containsExactly("filename");
  }

  @Test
  void configKeysCanBeLocatedFromTheBlockPointer() {
    BuilderBlock b = t.builders().get(1);
    var at = loaded.locations().keyAt(b.pointer() + "/communicator");
    assertThat(at.line()).isEqualTo(9);
    assertThat(loaded.locations().lineText(at.line()).substring(at.column() - 1))
        .startsWith("\"communicator\"");
  }

  @Test
  void checksPassForAValidTemplate() {
    assertThat(TemplateLoader.check(loaded, "1.6.6").all()).isEmpty();
    assertThat(TemplateLoader.check(loaded, "1.4.9").all())
        .extracting(d -> d.message())
        .containsExactly("This template requires Packer version 1.5.0 or higher; using 1.4.9");
  }

  @Test
  void emptyTemplateForNonJson() {
    LoadedTemplate l = TemplateLoader.parse(Path.of("x"), new byte[] {1, 2, 3});
    assertThat(l.template()).isEqualTo(Template.empty());
    assertThat(l.diagnostics().hasErrors()).isTrue();
    assertThat(List.copyOf(l.template().builders())).isEmpty();
  }
}
