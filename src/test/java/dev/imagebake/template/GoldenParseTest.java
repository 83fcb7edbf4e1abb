package dev.imagebake.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.diag.DiagnosticRenderer;
import dev.imagebake.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code golden/parse/NAME.json} is loaded as {@code validate} does (parse, then the
 * core-init checks when parsing found no errors, with version 1.6.6) and its diagnostics, rendered
 * compactly, must equal {@code NAME.expected}. Run with {@code -Dgolden.update=true} to rewrite the
 * expected files (then review the diff).
 */
class GoldenParseTest {
  private static final Path DIR = Path.of("src/test/resources/golden/parse");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diagnosticsMatchGoldenFile(String name) throws IOException {
    Path json = DIR.resolve(name + ".json");
    LoadedTemplate loaded = TemplateLoader.parse(Path.of(name + ".json"), Files.readAllBytes(json));
    Diagnostics all = new Diagnostics();
    all.addAll(loaded.diagnostics());
    if (!loaded.diagnostics().hasErrors()) {
      all.addAll(TemplateLoader.check(loaded, "1.6.6"));
    }
    String actual = DiagnosticRenderer.compact(UnaryOperator.identity()).render(all.all());
    Path expected = DIR.resolve(name + ".expected");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
