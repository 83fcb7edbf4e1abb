package dev.imagebake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineReadableRendererTest {
  private static final Instant AT = Instant.ofEpochSecond(1795669753);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private String render(boolean timestamps, Event... events) {
    MachineReadableRenderer r =
        new MachineReadableRenderer(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), timestamps, ZoneOffset.UTC);
    Arrays.stream(events).forEach(r::render);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void escapesCommasAndLineBreaksOnly() {
    assertThat(MachineReadableRenderer.escape("a,b\r\nc%d\\e\tf"))
        .isEqualTo("a%!(PACKER_COMMA)b\\r\\nc%d\\e\tf");
  }

  @Test
  void uiRecordsCarryTheBuildAsTarget() {
    String out =
        render(
            false,
            new Event.Line(AT, Event.LineKind.MESSAGE, "local", null, "Q=hi, there"),
            new Event.Line(AT, Event.LineKind.SAY, "local", "shell-local", "x"),
            new Event.Line(AT, Event.LineKind.ERROR, null, null, "core"));

    assertThat(out)
        .isEqualTo(
            "1795669753,local,ui,message,    local: Q=hi%!(PACKER_COMMA) there\n"
                + "1795669753,local,ui,say,==> local (shell-local): x\n"
                + "1795669753,,ui,error,core\n");
  }

  @Test
  void timestampUiBecomesPartOfTheText() {
    assertThat(render(true, new Event.Line(AT, Event.LineKind.SAY, "b", null, "hi")))
        .isEqualTo("1795669753,b,ui,say,2026-11-26T05:09:13Z: ==> b: hi\n");
  }

  @Test
  void artifactAndErrorRecordsAsPacker() {
    BuildReport ok =
        new BuildReport(
            "local",
            "null",
            BuildReport.Outcome.SUCCEEDED,
            Duration.ofSeconds(2),
            java.util.Arrays.asList(
                new ArtifactInfo("fnoeding.null", "Null", "Did not export anything", List.of()),
                new ArtifactInfo("x", "1", "files", List.of("out/a,b.txt")),
                null),
            null,
            List.of());
    BuildReport bad =
        new BuildReport(
            "b",
            "null",
            BuildReport.Outcome.ERRORED,
            Duration.ZERO,
            List.of(),
            "e,1\nx",
            List.of());
    String out = render(false, new Event.Summary(AT, List.of(bad, ok), false));

    assertThat(out)
        .isEqualTo(
            String.join(
                "\n",
                "1795669753,,error-count,1",
                "1795669753,,ui,error,\\n==> Some builds didn't complete successfully and had"
                    + " errors:",
                "1795669753,b,error,e%!(PACKER_COMMA)1\\nx",
                "1795669753,b,ui,error,--> b: e%!(PACKER_COMMA)1\\nx",
                "1795669753,,ui,say,\\n==> Builds finished. The artifacts of successful builds are:",
                "1795669753,local,artifact-count,3",
                "1795669753,local,artifact,0,builder-id,fnoeding.null",
                "1795669753,local,artifact,0,id,Null",
                "1795669753,local,artifact,0,string,Did not export anything",
                "1795669753,local,artifact,0,files-count,0",
                "1795669753,local,artifact,0,end",
                "1795669753,local,ui,say,--> local: Did not export anything",
                "1795669753,local,artifact,1,builder-id,x",
                "1795669753,local,artifact,1,id,1",
                "1795669753,local,artifact,1,string,files",
                "1795669753,local,artifact,1,files-count,1",
                "1795669753,local,artifact,1,file,0,out/a%!(PACKER_COMMA)b.txt",
                "1795669753,local,artifact,1,end",
                "1795669753,local,ui,say,--> local: files",
                "1795669753,local,artifact,2,nil",
                "1795669753,local,artifact,2,end",
                "1795669753,local,ui,say,--> local: <nothing>",
                ""));
  }
}
