package dev.imagebake.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {
  private static final Path FILE = Path.of("t.json");
  private static final UnaryOperator<String> NO_MASK = UnaryOperator.identity();
  private static final UnaryOperator<String> MASK_HUNTER2 =
      s -> s.replace("hunter2", "<sensitive>");

  private static final Diagnostic UNKNOWN_KEY =
      Diagnostic.error(
              new SourceRef(FILE, 2, 3, "/builderz"),
              "Unknown root level key in template: 'builderz'")
          .withHint("did you mean 'builders'?");
  private static final Diagnostic WARNING =
      Diagnostic.warning(new SourceRef(FILE, 0, 0, ""), "something, odd: 100%");

  private static final SourceLines LINES =
      (file, line) -> file.equals(FILE) && line == 2 ? "\t\"builderz\": []," : "";

  @Test
  void textShowsLocationSourceLineCaretPointerAndHint() {
    assertThat(DiagnosticRenderer.text(LINES, NO_MASK).render(List.of(UNKNOWN_KEY, WARNING)))
        .isEqualTo(
            "t.json:2:3: error: Unknown root level key in template: 'builderz'\n"
                + "    \t\"builderz\": [],\n"
                + "    \t ^\n"
                + "  at /builderz\n"
                + "  hint: did you mean 'builders'?\n"
                + "t.json: warning: something, odd: 100%\n");
  }

  @Test
  void textWithoutFileOmitsLocation() {
    Diagnostic cli = Diagnostic.error(new SourceRef(null, 0, 0, ""), "bad -var");
    assertThat(DiagnosticRenderer.text(SourceLines.none(), NO_MASK).render(List.of(cli)))
        .isEqualTo("error: bad -var\n");
  }

  @Test
  void jsonHasEveryField() {
    assertThat(DiagnosticRenderer.json(NO_MASK).render(List.of(UNKNOWN_KEY, WARNING)))
        .isEqualTo(
            "[\n"
                + "  {\"severity\":\"error\",\"message\":\"Unknown root level key in template:"
                + " 'builderz'\",\"file\":\"t.json\",\"line\":2,\"column\":3,\"pointer\":\"/builderz\","
                + "\"hint\":\"did you mean 'builders'?\"},\n"
                + "  {\"severity\":\"warning\",\"message\":\"something, odd: 100%\",\"file\":\"t.json\","
                + "\"line\":0,\"column\":0,\"pointer\":\"\",\"hint\":null}\n"
                + "]\n");
    assertThat(DiagnosticRenderer.json(NO_MASK).render(List.of())).isEqualTo("[]\n");
  }

  @Test
  void jsonEscapesQuotesAndControlCharacters() {
    Diagnostic d = Diagnostic.error(SourceRef.file(Path.of("a\"b.json")), "tab\there\u0001");
    assertThat(DiagnosticRenderer.json(NO_MASK).render(List.of(d)))
        .contains("\"message\":\"tab\\there\\u0001\"", "\"file\":\"a\\\"b.json\"");
  }

  @Test
  void githubAnnotationsEscapePropertiesAndData() {
    assertThat(DiagnosticRenderer.github(NO_MASK).render(List.of(UNKNOWN_KEY, WARNING)))
        .isEqualTo(
            "::error file=t.json,line=2,col=3::Unknown root level key in template: 'builderz'"
                + " (at /builderz)%0Ahint: did you mean 'builders'?\n"
                + "::warning file=t.json::something, odd: 100%25\n");
    Diagnostic odd = Diagnostic.error(SourceRef.file(Path.of("a,b:c.json")), "x");
    assertThat(DiagnosticRenderer.github(NO_MASK).render(List.of(odd)))
        .isEqualTo("::error file=a%2Cb%3Ac.json::x\n");
  }

  @Test
  void compactIsOneLinePerDiagnosticPlusHint() {
    assertThat(DiagnosticRenderer.compact(NO_MASK).render(List.of(UNKNOWN_KEY, WARNING)))
        .isEqualTo(
            "2:3: error: Unknown root level key in template: 'builderz' (/builderz)\n"
                + "  hint: did you mean 'builders'?\n"
                + "0:0: warning: something, odd: 100%\n");
  }

  @Test
  void everyFormatMasksSecretsIncludingTheSourceLine() {
    Diagnostic d =
        Diagnostic.error(new SourceRef(FILE, 2, 10, "/variables/pw"), "bad value hunter2")
            .withHint("not hunter2");
    SourceLines lines = (file, line) -> "  \"pw\": \"hunter2\"";
    List<String> outputs =
        List.of(
            DiagnosticRenderer.text(lines, MASK_HUNTER2).render(List.of(d)),
            DiagnosticRenderer.json(MASK_HUNTER2).render(List.of(d)),
            DiagnosticRenderer.github(MASK_HUNTER2).render(List.of(d)),
            DiagnosticRenderer.compact(MASK_HUNTER2).render(List.of(d)));
    for (String out : outputs) {
      assertThat(out).doesNotContain("hunter2").contains("<sensitive>");
    }
    // The caret stays under what it pointed at: the value, now masked.
    String[] text = outputs.get(0).split("\n");
    assertThat(text[1].substring(text[2].indexOf('^'))).startsWith("<sensitive>\"");
  }

  @Test
  void aCaretAfterAMaskedValueStaysUnderItsCharacter() {
    Diagnostic d = Diagnostic.error(new SourceRef(FILE, 1, 24, ""), "bad");
    SourceLines lines = (file, line) -> "{\"pw\": \"hunter2\", \"x\": 5}";
    String[] text = DiagnosticRenderer.text(lines, MASK_HUNTER2).render(List.of(d)).split("\n");
    assertThat(text[1].charAt(text[2].indexOf('^'))).isEqualTo('5');
  }

  @Test
  void longLinesAreShownAsAWindowAroundTheColumn() {
    String line = "x".repeat(1000) + "!" + "y".repeat(1000);
    Diagnostic d = Diagnostic.error(new SourceRef(FILE, 1, 1001, ""), "here");
    String out = DiagnosticRenderer.text((f, l) -> line, NO_MASK).render(List.of(d));
    String[] lines = out.split("\n");
    assertThat(lines[1].length()).isLessThan(200);
    assertThat(lines[1].charAt(lines[2].indexOf('^'))).isEqualTo('!');
  }
}
