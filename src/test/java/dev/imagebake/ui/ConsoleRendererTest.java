package dev.imagebake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {
  private static final Instant AT = Instant.parse("2026-11-26T05:18:23Z");
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private ConsoleRenderer renderer(boolean color, boolean timestamps) {
    return new ConsoleRenderer(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new ConsoleStyle(color, timestamps, ZoneOffset.UTC));
  }

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Event.Line line(Event.LineKind kind, String build, String pp, String text) {
    return new Event.Line(AT, kind, build, pp, text);
  }

  @Test
  void plainFormatsLikePacker() {
    ConsoleRenderer r = renderer(false, false);
    r.render(new Event.BuildsStarting(AT, List.of("a", "b")));
    r.render(line(Event.LineKind.SAY, "a", null, "Connected to SSH!"));
    r.render(line(Event.LineKind.MESSAGE, "a", null, "one\ntwo \n"));
    r.render(line(Event.LineKind.ERROR, "b", "shell-local", "bad"));
    r.render(line(Event.LineKind.SAY, null, null, "core line"));

    assertThat(out())
        .isEqualTo(
            "==> a: Connected to SSH!\n"
                // Packer trims only the end of the whole text: an inner trailing blank stays.
                + "    a: one\n    a: two \n    a:\n"
                + "==> b (shell-local): bad\n"
                + "core line\n");
  }

  @Test
  void coloursBuildsInPackerOrderWithBoldSaysAndRedErrors() {
    ConsoleRenderer r = renderer(true, false);
    r.render(new Event.BuildsStarting(AT, List.of("a", "b", "c", "d", "e", "f")));
    r.render(line(Event.LineKind.SAY, "b", null, "hi"));
    r.render(line(Event.LineKind.MESSAGE, "a", null, "out"));
    r.render(line(Event.LineKind.ERROR, "a", null, "err"));
    r.render(new Event.BuildFinished(AT, "c", Duration.ofMillis(2476), null));

    assertThat(out())
        .startsWith(
            "\033[1;32ma: output will be in this color.\033[0m\n"
                + "\033[1;36mb: output will be in this color.\033[0m\n"
                + "\033[1;35mc: output will be in this color.\033[0m\n"
                + "\033[1;33md: output will be in this color.\033[0m\n"
                + "\033[1;34me: output will be in this color.\033[0m\n"
                + "\033[1;32mf: output will be in this color.\033[0m\n"
                + "\n")
        .endsWith(
            "\033[1;36m==> b: hi\033[0m\n"
                + "\033[0;32m    a: out\033[0m\n"
                + "\033[1;31m==> a: err\033[0m\n"
                + "\033[1;35mBuild 'c' finished after 2 seconds 476 milliseconds.\033[0m\n");
  }

  @Test
  void timestampsPrefixBuildLinesButNotTheSummary() {
    ConsoleRenderer r = renderer(false, true);
    r.render(line(Event.LineKind.SAY, "a", null, "hi"));
    r.render(new Event.BuildFinished(AT, "a", Duration.ofMillis(9), "boom"));
    r.render(new Event.WaitCompleted(AT, Duration.ofMillis(9)));

    assertThat(out())
        .isEqualTo(
            "2026-11-26T05:18:23Z: ==> a: hi\n"
                + "2026-11-26T05:18:23Z: Build 'a' errored after 9 milliseconds: boom\n"
                + "\n==> Wait completed after 9 milliseconds\n");
  }

  @Test
  void colourIsOffForFlagNoColorAndNonTty() {
    assertThat(ConsoleStyle.colorWanted(true, Map.of(), true)).isTrue();
    assertThat(ConsoleStyle.colorWanted(false, Map.of(), true)).isFalse();
    assertThat(ConsoleStyle.colorWanted(true, Map.of("NO_COLOR", "1"), true)).isFalse();
    assertThat(ConsoleStyle.colorWanted(true, Map.of("PACKER_NO_COLOR", "1"), true)).isFalse();
    assertThat(ConsoleStyle.colorWanted(true, Map.of(), false)).isFalse();
  }

  @Test
  void noArtifactsSummary() {
    renderer(false, false)
        .render(
            new Event.Summary(
                AT,
                List.of(
                    new BuildReport(
                        "b",
                        "null",
                        BuildReport.Outcome.ERRORED,
                        Duration.ofMillis(18),
                        List.of(),
                        "boom",
                        List.of())),
                false));

    assertThat(out())
        .isEqualTo(
            "\n==> Some builds didn't complete successfully and had errors:\n"
                + "--> b: boom\n"
                + "\n==> Builds finished but no artifacts were created.\n");
  }

  /** Packer prints no step-timing table; imagebake only with -timings or -debug. */
  @Test
  void stepTimingsOnlyWhenAskedFor() {
    Event.Summary summary =
        new Event.Summary(
            AT,
            List.of(
                new BuildReport(
                    "b",
                    "null",
                    BuildReport.Outcome.ERRORED,
                    Duration.ofMillis(18),
                    List.of(),
                    "boom",
                    List.of(
                        new StepTiming(
                            "StepConnect", Duration.ofMillis(7), StepStatus.OK, Duration.ZERO),
                        new StepTiming(
                            "StepProvision",
                            Duration.ofMillis(61_234),
                            StepStatus.FAILED,
                            Duration.ofNanos(1_500_000)),
                        new StepTiming(
                            "manifest", Duration.ofNanos(2_999_999), StepStatus.OK, null, true)))),
            false);
    renderer(false, false).render(summary);
    assertThat(out()).doesNotContain("Step timings").contains("--> b: boom");
    bytes.reset();
    new ConsoleRenderer(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new ConsoleStyle(false, false, ZoneOffset.UTC),
            true)
        .render(summary);
    assertThat(out())
        .contains(
            "\n==> Step timings (seconds):\n"
                + "--> b: 0.018 (errored)\n"
                + "    StepConnect                  0.007  cleanup 0.000\n"
                + "    StepProvision               61.234  cleanup 0.001 (failed)\n"
                + "    post-processor manifest      0.002\n");
  }
}
