package dev.imagebake.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSourceTest {
  @TempDir Path dir;

  private static ParsedJson parse(String json) {
    return JsonSource.parse(Path.of("t.json"), json.getBytes(StandardCharsets.UTF_8), true);
  }

  private static Diagnostic onlyDiagnostic(ParsedJson p) {
    assertThat(p.diagnostics().all()).hasSize(1);
    return p.diagnostics().all().get(0);
  }

  @Test
  void recordsValueAndKeyPositionsByPointer() {
    ParsedJson p =
        parse(
            "{\n  \"builders\": [\n    {\"type\": \"null\", \"a/b~c\": 1}\n  ],\n\t\"x\": true\n}");
    Locations l = p.locations();
    assertThat(p.diagnostics().all()).isEmpty();
    assertThat(l.valueAt("")).isEqualTo(new SourceRef(Path.of("t.json"), 1, 1, ""));
    assertThat(l.keyAt("/builders")).isEqualTo(new SourceRef(Path.of("t.json"), 2, 3, "/builders"));
    assertThat(l.valueAt("/builders"))
        .extracting(SourceRef::line, SourceRef::column)
        .containsExactly(2, 15);
    assertThat(l.valueAt("/builders/0"))
        .extracting(SourceRef::line, SourceRef::column)
        .containsExactly(3, 5);
    assertThat(l.valueAt("/builders/0/type"))
        .extracting(SourceRef::line, SourceRef::column)
        .containsExactly(3, 14);
    assertThat(l.keyAt("/builders/0/a~1b~0c"))
        .extracting(SourceRef::line, SourceRef::column)
        .containsExactly(3, 22);
    assertThat(l.keyAt("/x")).extracting(SourceRef::line, SourceRef::column).containsExactly(5, 2);
    assertThat(l.lineText(3)).isEqualTo("    {\"type\": \"null\", \"a/b~c\": 1}");
    assertThat(l.lineText(99)).isEmpty();
  }

  @Test
  void unknownPointerFallsBackToNearestKnownValueButKeepsItsPointer() {
    Locations l = parse("{\n  \"builders\": [{\"type\": \"null\"}]\n}").locations();
    assertThat(l.valueAt("/builders/0/ssh_port"))
        .isEqualTo(new SourceRef(Path.of("t.json"), 2, 16, "/builders/0/ssh_port"));
    assertThat(l.keyAt("/nothing/at/all"))
        .isEqualTo(new SourceRef(Path.of("t.json"), 1, 1, "/nothing/at/all"));
  }

  @Test
  void columnsCountCharactersNotBytes() {
    ParsedJson p = parse("{\"d\": \"héllo wörld\", \"x\": 1}");
    assertThat(p.locations().keyAt("/x").column()).isEqualTo(22);
  }

  @Test
  void keepsTheLastOfDuplicateKeysAndReportsEachDuplicate() {
    ParsedJson p = parse("{\"a\": 1,\n \"a\": 2,\n \"a\": 3}");
    assertThat(p.root().get("a").intValue()).isEqualTo(3);
    assertThat(p.diagnostics().all())
        .extracting(d -> d.source().line() + ":" + d.source().column() + " " + d.hint())
        .containsExactly(
            "2:2 first defined at line 1, column 2", "3:2 first defined at line 1, column 2");
  }

  @Test
  void duplicateKeysInVarFilesAreWarnings() {
    ParsedJson p =
        JsonSource.parse(
            Path.of("v.json"), "{\"a\":\"1\",\"a\":\"2\"}".getBytes(StandardCharsets.UTF_8), false);
    assertThat(onlyDiagnostic(p).isError()).isFalse();
    assertThat(p.root()).isNotNull();
  }

  @Test
  void numbersKeepTheirKind() {
    ParsedJson p = parse("[1, 12345678901, 123456789012345678901234567890, 1.5, -0, 1e3]");
    assertThat(p.root().get(0).isInt()).isTrue();
    assertThat(p.root().get(1).isLong()).isTrue();
    assertThat(p.root().get(2).isBigInteger()).isTrue();
    assertThat(p.root().get(3).doubleValue()).isEqualTo(1.5);
    assertThat(p.root().get(5).doubleValue()).isEqualTo(1000.0);
  }

  @Test
  void emptyAndWhitespaceInputIsUnexpectedEnd() {
    for (String s : new String[] {"", "  \n  "}) {
      ParsedJson p = parse(s);
      assertThat(p.root()).isNull();
      assertThat(onlyDiagnostic(p).message())
          .isEqualTo("Error parsing JSON: unexpected end of JSON input");
    }
  }

  @Test
  void garbageBytesNeverThrow() {
    byte[] garbage = new byte[4096];
    new java.util.Random(42).nextBytes(garbage);
    garbage[0] = (byte) 0xff;
    ParsedJson p = JsonSource.parse(Path.of("g.bin"), garbage, true);
    assertThat(p.root()).isNull();
    assertThat(onlyDiagnostic(p).message())
        .isEqualTo("Error parsing JSON: invalid character 'ÿ' looking for beginning of value");
    assertThat(onlyDiagnostic(p).source().line()).isEqualTo(1);
  }

  @Test
  void invalidUtf8InsideStringsIsAcceptedAsGoDoes() {
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
    ParsedJson p = JsonSource.parse(Path.of("u.json"), bytes, true);
    assertThat(p.diagnostics().all()).isEmpty();
    assertThat(p.root().get("a").stringValue()).isEqualTo("\uFFFD(");
  }

  @Test
  void fiftyMegabytesOfNestingIsACleanDiagnostic() {
    byte[] deep = new byte[50 * 1024 * 1024];
    Arrays.fill(deep, (byte) '[');
    ParsedJson p = JsonSource.parse(Path.of("deep.json"), deep, true);
    assertThat(p.root()).isNull();
    Diagnostic d = onlyDiagnostic(p);
    assertThat(d.message()).isEqualTo("Error parsing JSON: exceeded max depth");
    assertThat(d.source().line()).isEqualTo(1);
    assertThat(d.source().column()).isBetween(400, 1100);
  }

  @Test
  void deepButAllowedNestingOfObjectsParsesWithoutRecursion() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      s.append("{\"a\":");
    }
    s.append("1");
    s.append("}".repeat(400));
    ParsedJson p = parse(s.toString());
    assertThat(p.diagnostics().all()).isEmpty();
    assertThat(p.locations().valueAt("/a".repeat(400)).column()).isEqualTo(400 * 5 + 1);
  }

  @Test
  void goScannerFindsDeepNestingItselfBeyondItsLimit() {
    byte[] deep = new byte[GoJsonSyntax.MAX_DEPTH + 10];
    Arrays.fill(deep, (byte) '{');
    assertThat(GoJsonSyntax.firstError(deep))
        .isEqualTo(
            new GoJsonSyntax.Error(
                "invalid character '{' looking for beginning of object key string", 1));
    Arrays.fill(deep, (byte) '[');
    assertThat(GoJsonSyntax.firstError(deep).message()).isEqualTo("exceeded max depth");
  }

  @Test
  void goScannerAcceptsValidJson() {
    String valid = "{\"a\": [1, -2.5e+3, 0, true, false, null, \"\\u00e9\\n\", {}, []]} \n";
    assertThat(GoJsonSyntax.firstError(valid.getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(GoJsonSyntax.firstError("-".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new GoJsonSyntax.Error("unexpected end of JSON input", 1));
    assertThat(GoJsonSyntax.firstError("\"\\x\"".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new GoJsonSyntax.Error("invalid character 'x' in string escape code", 2));
  }

  @Test
  void missingFileIsStatError() {
    Path missing = dir.resolve("nonexist.json");
    ParsedJson p = JsonSource.read(missing, InputStream.nullInputStream(), true);
    assertThat(onlyDiagnostic(p).message())
        .isEqualTo("stat " + missing + ": no such file or directory");
  }

  @Test
  void directoryIsReadError() {
    ParsedJson p = JsonSource.read(dir, InputStream.nullInputStream(), true);
    assertThat(onlyDiagnostic(p).message()).isEqualTo("read " + dir + ": is a directory");
  }

  @Test
  void unreadableFileIsPermissionDenied() throws IOException {
    Path f = Files.writeString(dir.resolve("secret.json"), "{}");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    ParsedJson p = JsonSource.read(f, InputStream.nullInputStream(), true);
    if (Files.isReadable(f)) {
      // Running as root: permissions do not apply, the file simply parses.
      assertThat(p.diagnostics().all()).isEmpty();
    } else {
      assertThat(onlyDiagnostic(p).message()).isEqualTo("open " + f + ": permission denied");
    }
  }

  @Test
  void dashReadsStdin() {
    ParsedJson p =
        JsonSource.read(
            Path.of("-"),
            new ByteArrayInputStream("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)),
            true);
    assertThat(p.root().get("a").intValue()).isEqualTo(1);
    assertThat(p.locations().file()).isEqualTo(Path.of("-"));
  }

  @Test
  void otherStreamLimitsAreReportedWithJacksonsReason() {
    ParsedJson p = parse("[" + "1".repeat(2000) + "]");
    assertThat(p.root()).isNull();
    assertThat(onlyDiagnostic(p).message())
        .startsWith("Error parsing JSON: ")
        .doesNotContain("max depth")
        .contains("Number value length");
  }
}
