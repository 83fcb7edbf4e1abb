package dev.imagebake.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.template.interpolate.RenderContext;
import dev.imagebake.template.interpolate.TemplateException;
import dev.imagebake.template.interpolate.TemplateString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real templates Packer rejected for unset required variables (logs/*.validate.txt): the same
 * variables are required here, and core-init checks find nothing else wrong. Variable defaults that
 * read undefined variables are reported too (Packer never renders when required variables are
 * missing).
 */
class ConformanceVariablesTest {
  private static final Path DIR = Path.of("src/test/resources/conformance");

  static Stream<String> templatesWithRequiredVariables() throws IOException {
    try (Stream<Path> logs = Files.list(DIR.resolve("logs"))) {
      return logs
          .filter(ConformanceVariablesTest::parsedByPacker)
          .map(p -> p.getFileName().toString().replace(".validate.txt", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Templates Packer could not parse say nothing about variables. */
  private static boolean parsedByPacker(Path log) {
    try {
      return !Files.readString(log).contains("Failed to parse template");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> packerRequired(String name) throws IOException {
    return Files.readAllLines(DIR.resolve("logs/" + name + ".validate.txt")).stream()
        .map(String::strip)
        .filter(l -> l.startsWith("* required variable not set: "))
        .map(l -> l.substring("* required variable not set: ".length()))
        .toList();
  }

  private static LoadedTemplate load(String name) {
    return TemplateLoader.load(DIR.resolve(name + ".json"), InputStream.nullInputStream());
  }

  @ParameterizedTest
  @MethodSource("templatesWithRequiredVariables")
  void sameVariablesAreRequired(String name) throws IOException {
    LoadedTemplate loaded = load(name);
    assertThat(loaded.diagnostics().hasErrors()).isFalse();
    assertThat(TemplateLoader.check(loaded, "1.6.6").all()).isEmpty();
    assertThat(
            loaded.template().variables().stream()
                .filter(TemplateVariable::required)
                .map(TemplateVariable::name))
        .containsExactlyInAnyOrderElementsOf(packerRequired(name));
  }

  /** Needs the {{ }} engine to render the other defaults; skipped until it lands. */
  @ParameterizedTest
  @MethodSource("templatesWithRequiredVariables")
  void resolvingReportsExactlyTheRequiredVariables(String name) throws IOException {
    assumeEngine();
    ResolvedVariables r = Variables.resolve(load(name), List.of(), List.of(), context());

    List<String> messages = r.diagnostics().all().stream().map(Diagnostic::message).toList();
    assertThat(messages.stream().filter(m -> m.startsWith("required variable not set: ")))
        .containsExactlyInAnyOrderElementsOf(
            packerRequired(name).stream().map(v -> "required variable not set: " + v).toList());
    // Packer stops at the required variables before rendering; we also report defaults that read
    // variables nobody defines (these templates expect them from var-files).
    assertThat(messages.stream().filter(m -> !m.startsWith("required variable not set: ")))
        .allMatch(
            m -> m.startsWith("Failed to interpolate \"") && m.contains("variable not set: "));
  }

  private static void assumeEngine() {
    boolean engine;
    try {
      TemplateString.parse("x");
      engine = true;
    } catch (UnsupportedOperationException | TemplateException e) {
      engine = false;
    }
    assumeThat(engine).as("template engine implemented").isTrue();
  }

  private static RenderContext context() {
    return new RenderContext(
        Map.of(),
        true,
        n -> "",
        null,
        null,
        DIR.toAbsolutePath().toString(),
        DIR.toAbsolutePath().toString(),
        "1.6.6",
        null,
        false,
        null,
        Instant.parse("2020-12-09T00:00:00Z"),
        () -> "00000000-0000-0000-0000-000000000000",
        null);
  }

  static Stream<Arguments> templatesWithVarFiles() throws IOException {
    return Files.readAllLines(DIR.resolve("PACKER-1.6.6-with-varfile.tsv")).stream()
        .skip(1)
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[0], f[1]));
  }

  /**
   * With their var-files Packer got past variables for all of these (they fail later, in Prepare);
   * so must we. Needs the engine.
   */
  @ParameterizedTest
  @MethodSource("templatesWithVarFiles")
  void varFilesSatisfyTheTemplates(String template, String varFile) {
    assumeEngine();
    LoadedTemplate loaded =
        TemplateLoader.load(DIR.resolve(template), InputStream.nullInputStream());
    ResolvedVariables r =
        Variables.resolve(loaded, List.of(), List.of(DIR.resolve(varFile)), context());
    assertThat(r.diagnostics().all()).isEmpty();
  }
}
