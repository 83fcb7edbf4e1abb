package dev.imagebake.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 42 real templates parse (as {@code validate -syntax-only}) exactly where Packer 1.6.6 did,
 * per {@code syntax_only_rc} in {@code PACKER-1.6.6.tsv}.
 */
class ConformanceSyntaxTest {
  private static final Path DIR = Path.of("src/test/resources/conformance");

  static Stream<Arguments> verdicts() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("PACKER-1.6.6.tsv"));
    return lines.stream()
        .skip(1)
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[0], Integer.parseInt(f[1])));
  }

  @ParameterizedTest(name = "{0} → rc {1}")
  @MethodSource("verdicts")
  void parsesWherePackerParses(String file, int syntaxOnlyRc) {
    LoadedTemplate loaded = TemplateLoader.load(DIR.resolve(file), InputStream.nullInputStream());
    String rendered =
        DiagnosticRenderer.compact(UnaryOperator.identity()).render(loaded.diagnostics().all());
    assertThat(loaded.diagnostics().hasErrors()).as(rendered).isEqualTo(syntaxOnlyRc != 0);
  }

  @Test
  void failuresNameWhatPackerNamed() {
    assertThat(firstError("15-jakobadam-windows-vagrant.json"))
        .startsWith("template has duplicate field: qemuargs");
    assertThat(firstError("34-tylert-debian-stretch.json"))
        .isEqualTo("Failed to cast root level comment value in comment \"_ALIASES\" to string.");
    assertThat(firstError("37-tvm-microtvm-base-box.json"))
        .isEqualTo(
            "variable skip_add: '' expected type 'string', got unconvertible type 'bool', value:"
                + " 'false'");
  }

  @Test
  void allFortyTwoTemplatesAreCovered() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(42);
    }
    assertThat(verdicts().count()).isEqualTo(42);
  }

  private static String firstError(String file) {
    LoadedTemplate loaded = TemplateLoader.load(DIR.resolve(file), InputStream.nullInputStream());
    return loaded.diagnostics().all().stream()
        .filter(d -> d.isError())
        .findFirst()
        .orElseThrow()
        .message();
  }
}
