package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code imagebake inspect} prints what Packer 1.6.6 prints, byte for byte, then its own additions.
 * The expected files under {@code golden/inspect/packer-1.6.6/} are Packer's own stdout, captured
 * with {@code src/test/resources/golden/inspect/capture.sh} (runs /usr/bin/packer 1.6.6 {@code
 * inspect} on templates/*.json, golden/validate/*.json and golden/inspect/*.json); re-run it after
 * adding a template. Never edit them by hand.
 */
class InspectGoldenTest {
  private static final Path PACKER = Path.of("src/test/resources/golden/inspect/packer-1.6.6");

  static Stream<String> templates() throws IOException {
    try (Stream<Path> files = Files.walk(PACKER)) {
      return files
          .filter(p -> p.toString().endsWith(".json.out"))
          .map(p -> PACKER.relativize(p).toString().replaceFirst("\\.out$", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void printsPackersTextThenItsOwn(String template) throws IOException {
    String packer = Files.readString(PACKER.resolve(template + ".out"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"inspect", template},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed).startsWith(packer);
    String added = printed.substring(packer.length());
    // Only the post-processor chains are imagebake's, and only when the template has some.
    boolean hasPostProcessors = Files.readString(Path.of(template)).contains("post-processors");
    if (hasPostProcessors) {
      assertThat(added).startsWith("\nPost-processors:\n\n  ");
    } else {
      assertThat(added).isEmpty();
    }
  }
}
