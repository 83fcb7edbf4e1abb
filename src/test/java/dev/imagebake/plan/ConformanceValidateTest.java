package dev.imagebake.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.config.PluginRegistry;
import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code validate} on the 42 real templates agrees with Packer 1.6.6 for the types imagebake
 * implements: every missing script or upload source and every unset required variable Packer named,
 * imagebake names too, at the line of the template that holds it; templates Packer accepted are
 * accepted unless they use a type imagebake does not implement, which is then said once per type.
 * Run, like Packer's, from the folder of the templates (whose scripts were not copied, so their
 * absence is expected).
 */
class ConformanceValidateTest {
  private static final Path DIR = Path.of("src/test/resources/conformance").toAbsolutePath();
  private static final Pattern NAMED =
      Pattern.compile("(Bad script|Bad source|required variable not set:) '?([^'\\s]+)'?");

  private static TemplateChecker checker;

  @BeforeAll
  static void load() {
    checker = new TemplateChecker(PluginRegistry.load(), DIR);
  }

  static Stream<Arguments> templates() throws IOException {
    return Files.readAllLines(DIR.resolve("PACKER-1.6.6.tsv")).stream()
        .skip(1)
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void agreesWithPacker(String file, int syntaxRc, int validateRc) throws IOException {
    CheckedTemplate ours = check(file);
    String shown = DiagnosticRenderer.compact(s -> s).render(ours.diagnostics());
    if (syntaxRc != 0) {
      assertThat(ours.hasErrors()).as(shown).isTrue();
      return;
    }
    String log = Files.readString(DIR.resolve("logs/" + file.replace(".json", ".validate.txt")));
    Set<String> packerNamed = named(log.replace("\n", " "));
    for (String item : packerNamed) {
      String[] kindAndName = item.split("\u0000");
      List<Diagnostic> matching =
          ours.diagnostics().stream()
              .filter(d -> d.message().startsWith(kindAndName[0]))
              .filter(d -> d.message().contains(kindAndName[1]))
              .toList();
      assertThat(matching)
          .as("Packer said %s %s; we said:%n%s", kindAndName[0], kindAndName[1], shown)
          .isNotEmpty();
      for (Diagnostic d : matching) {
        assertThat(d.source().line()).as(d.toString()).isPositive();
        String line = ours.loaded().locations().lineText(d.source().line());
        assertThat(line)
            .as("the located line names %s (or the template string making it)", kindAndName[1])
            .containsAnyOf(kindAndName[1], "{{");
      }
    }
    List<Diagnostic> errors = ours.diagnostics().stream().filter(Diagnostic::isError).toList();
    List<Diagnostic> unsupported =
        errors.stream().filter(d -> d.message().contains("not supported by imagebake")).toList();
    // Where imagebake is stricter on purpose (README, Differences): a remote provisioner under
    // "communicator": "none" passes Packer's validate, then its build hangs until killed.
    List<Diagnostic> stricter =
        errors.stream()
            .filter(d -> d.message().contains("cannot reach: its builder has \"communicator\""))
            .toList();
    if (validateRc == 0) {
      List<Diagnostic> allowed = new java.util.ArrayList<>(unsupported);
      allowed.addAll(stricter);
      assertThat(errors).as(shown).containsExactlyInAnyOrderElementsOf(allowed);
    }
    Set<String> perType = new TreeSet<>();
    for (Diagnostic d : unsupported) {
      assertThat(perType.add(d.message())).as("one error per unsupported type: " + shown).isTrue();
    }
  }

  private static Set<String> named(String log) {
    Set<String> found = new TreeSet<>();
    Matcher m = NAMED.matcher(log);
    while (m.find()) {
      // Packer ran from the templates' folder; {{template_dir}} made its paths start with "./".
      String name = m.group(2).startsWith("./") ? m.group(2).substring(2) : m.group(2);
      found.add(m.group(1) + "\u0000" + name);
    }
    return found;
  }

  private static CheckedTemplate check(String file) {
    CheckOptions options =
        new CheckOptions(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            false,
            Map.of("HOME", "/home/user", "USER", "user"),
            DIR,
            InputStream.nullInputStream(),
            Instant.parse("2026-11-26T05:08:10Z"));
    return checker.check(DIR.resolve(file), options);
  }
}
