package dev.imagebake.sdk.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0, 0",
    "300ms, 300000000",
    "1.5s, 1500000000",
    "1h30m, 5400000000000",
    "-2m, -120000000000",
    "+5s, 5000000000",
    "1us, 1000",
    "1µs, 1000",
    "1μs, 1000",
    "10ns, 10",
    ".5s, 500000000",
    "1.s, 1000000000",
    "1h2m3s4ms5us6ns, 3723004005006",
    "0.000000001s, 1"
  })
  void parsesGoSyntax(String text, long nanos) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|time: invalid duration \"abc\"",
        "''|time: invalid duration \"\"",
        "-|time: invalid duration \"-\"",
        ".s|time: invalid duration \".s\"",
        "30|time: missing unit in duration \"30\"",
        "1x|time: unknown unit \"x\" in duration \"1x\"",
        "5parsecs|time: unknown unit \"parsecs\" in duration \"5parsecs\"",
        "1s 2s|time: unknown unit \"s \" in duration \"1s 2s\"",
        "9999999999999999999h|time: invalid duration \"9999999999999999999h\""
      })
  void rejectsWithGoMessages(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
