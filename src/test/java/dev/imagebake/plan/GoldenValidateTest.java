package dev.imagebake.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.config.PluginRegistry;
import dev.imagebake.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code golden/validate/NAME.json} is checked as {@code imagebake validate} checks it (from
 * that folder, with the flags in {@code NAME.args} if present: {@code -only=}, {@code -except=},
 * {@code -var=}) and its diagnostics, rendered compactly with secrets masked, must equal {@code
 * NAME.expected}. {@code -Dgolden.update=true} rewrites the expected files (review the diff).
 */
class GoldenValidateTest {
  private static final Path DIR = Path.of("src/test/resources/golden/validate").toAbsolutePath();

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
    List<String> only = new ArrayList<>();
    List<String> except = new ArrayList<>();
    List<String> vars = new ArrayList<>();
    Path args = DIR.resolve(name + ".args");
    if (Files.exists(args)) {
      for (String a : Files.readAllLines(args)) {
        String value = a.substring(a.indexOf('=') + 1);
        if (a.startsWith("-only=")) {
          only.add(value);
        } else if (a.startsWith("-except=")) {
          except.add(value);
        } else if (a.startsWith("-var=")) {
          vars.add(value);
        }
      }
    }
    CheckOptions options =
        new CheckOptions(
            vars,
            List.of(),
            only,
            except,
            false,
            Map.of("HOME", "/home/user"),
            DIR,
            InputStream.nullInputStream(),
            Instant.parse("2026-11-26T05:08:10Z"));
    CheckedTemplate checked =
        new TemplateChecker(PluginRegistry.load(), DIR).check(DIR.resolve(name + ".json"), options);
    String actual = DiagnosticRenderer.compact(checked::mask).render(checked.diagnostics());
    Path expected = DIR.resolve(name + ".expected");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
