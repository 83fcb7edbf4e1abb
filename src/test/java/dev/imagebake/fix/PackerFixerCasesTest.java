package dev.imagebake.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.template.GoJsonDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packer 1.6.6's own test cases of every fixer (fix/fixer_*_test.go, each case as its input and
 * expected template), plus cases of ours for the four fixers Packer does not test.
 */
class PackerFixerCasesTest {
  record Case(
      String fixer, String source, Map<String, Object> input, Map<String, Object> expected) {
    @Override
    public String toString() {
      return fixer + " (" + source + ")";
    }
  }

  static Stream<Case> cases() throws IOException {
    byte[] json;
    try (InputStream in =
        PackerFixerCasesTest.class.getResourceAsStream("/fix/packer-fixer-cases.json")) {
      json = in.readAllBytes();
    }
    // Wrapped in an object: the decoder reads objects, with numbers as Go's float64.
    String wrapped =
        "{\"cases\":" + new String(json, java.nio.charset.StandardCharsets.UTF_8) + "}";
    GoJsonDecoder.Decoded d =
        GoJsonDecoder.decodeObject(wrapped.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(d.error()).isNull();
    List<Case> cases = new ArrayList<>();
    for (Object raw : (List<?>) d.value().get("cases")) {
      Map<String, Object> c = GoDecode.map(raw);
      cases.add(
          new Case(
              (String) c.get("fixer"),
              (String) c.get("source"),
              GoDecode.map(c.get("input")),
              GoDecode.map(c.get("expected"))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fixesAsPackerExpects(Case c) throws FixException {
    Map<String, Object> template = c.input();
    Fixers.named(c.fixer()).fix(template);
    if (c.source().contains("TestFixerDockerTags")) {
      // Packer's test compares the expected keys only (assert.EqualValues per key).
      c.expected().forEach((k, v) -> assertThat(template.get(k)).as(k).isEqualTo(v));
    } else {
      assertThat(template).isEqualTo(c.expected());
    }
  }

  @Test
  void everyFixerHasCases() throws IOException {
    List<String> tested = cases().map(Case::fixer).distinct().toList();
    assertThat(tested)
        .containsExactlyInAnyOrderElementsOf(Fixers.ORDER.stream().map(Fixer::name).toList());
  }

  @Test
  void runsPackersThirtyFourFixersInPackersOrder() {
    assertThat(Fixers.ORDER).hasSize(34);
    assertThat(Fixers.ORDER.get(0).name()).isEqualTo("iso-md5");
    assertThat(Fixers.ORDER.get(2).name()).isEqualTo("virtualbox-gaattach");
    assertThat(Fixers.ORDER.get(33).name()).isEqualTo("proxmox-type");
  }

  @Test
  void encodesAsGo() {
    assertThat(GoJsonEncoder.number(1.5)).isEqualTo("1.5");
    assertThat(GoJsonEncoder.number(1e21)).isEqualTo("1e+21");
    assertThat(GoJsonEncoder.number(1e-7)).isEqualTo("1e-7");
    assertThat(GoJsonEncoder.number(1e20)).isEqualTo("100000000000000000000");
    assertThat(GoJsonEncoder.encode(Map.of("b", List.of(), "a", "<&>\u2028\b")))
        .isEqualTo("{\n  \"a\": \"<\\u0026>\\u2028\\u0008\",\n  \"b\": []\n}\n");
  }
}
