package dev.imagebake.sdk.go;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoFormatTest {
  @Test
  void stringVerbs() {
    assertThat(GoFormat.sprintf("%s='%s' ", "A", "b")).isEqualTo("A='b' ");
    assertThat(GoFormat.sprintf("set %v=%v && ", "A", "b")).isEqualTo("set A=b && ");
    assertThat(GoFormat.sprintf("100%% %s", "x")).isEqualTo("100% x");
  }

  @Test
  void quoteVerbEscapesAsGo() {
    assertThat(GoFormat.sprintf("%s=%q ", "A", "it's \"x\"\n\t\\\u0001é"))
        .isEqualTo("A=\"it's \\\"x\\\"\\n\\t\\\\\\x01é\" ");
  }

  @Test
  void missingExtraAndUnknownVerbsAreMarkedAsGo() {
    assertThat(GoFormat.sprintf("%s", "A", "b")).isEqualTo("A%!(EXTRA string=b)");
    assertThat(GoFormat.sprintf("%s %s %s", "A", "b")).isEqualTo("A b %!s(MISSING)");
    assertThat(GoFormat.sprintf("%d=%s", "A", "b")).isEqualTo("%!d(string=A)=b");
    assertThat(GoFormat.sprintf("x%", "A", "b"))
        .isEqualTo("x%!(NOVERB)%!(EXTRA string=A, string=b)");
  }

  @Test
  void durationsPrintAsGo() {
    assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofMinutes(60))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
  }
}
