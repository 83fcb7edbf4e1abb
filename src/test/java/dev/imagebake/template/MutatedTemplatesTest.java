package dev.imagebake.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Loading never throws, whatever the bytes: thousands of random mutations of the real templates
 * (deleted, inserted and replaced bytes, fixed seed) all end as a template plus diagnostics, and
 * every error has a position inside the file.
 */
class MutatedTemplatesTest {
  private static final byte[] INTERESTING =
      "{}[]\",:0-.eE\\ntfu_/~\u0000\n\t ".getBytes(StandardCharsets.UTF_8);

  @Test
  void randomMutationsNeverThrowAndAlwaysLocateErrors() throws IOException {
    List<Path> templates;
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/conformance"))) {
      templates = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    Random random = new Random(20201209);
    int withErrors = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] original = Files.readAllBytes(templates.get(round % templates.size()));
      byte[] mutated = mutate(original, random);
      LoadedTemplate loaded = TemplateLoader.parse(Path.of("m.json"), mutated);
      assertThat(loaded.template()).isNotNull();
      if (!loaded.diagnostics().hasErrors()) {
        TemplateLoader.check(loaded, "1.6.6");
        continue;
      }
      withErrors++;
      for (Diagnostic d : loaded.diagnostics().all()) {
        assertThat(d.source().line()).as(d.message()).isPositive();
        assertThat(d.message()).doesNotContain("\n");
      }
    }
    assertThat(withErrors).isGreaterThan(1000);
  }

  private static byte[] mutate(byte[] in, Random random) {
    byte[] out = in.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = random.nextInt(out.length);
      byte b = INTERESTING[random.nextInt(INTERESTING.length)];
      switch (random.nextInt(3)) {
        case 0 -> out[at] = b;
        case 1 -> {
          byte[] shorter = new byte[out.length - 1];
          System.arraycopy(out, 0, shorter, 0, at);
          System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
          out = shorter;
        }
        default -> {
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = b;
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
        }
      }
    }
    return out;
  }
}
