package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small ports of Go behaviour Packer users rely on. */
class GoSyntaxTest {
  private static final Pattern DURATION = Pattern.compile(GoDuration.PATTERN);

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1ns, 1",
    "1.5s, 1500000000",
    ".5m, 30000000000",
    "1h30m, 5400000000000",
    "-2m3.4s, -123400000000",
    "+5us, 5000",
    "5\u00b5s, 5000",
    "2h45m30.5s, 9930500000000"
  })
  void parsesGoDurations(String text, long nanos) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    assertThat(DURATION.matcher(text).matches()).as("pattern accepts %s", text).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "30|time: missing unit in duration \"30\"",
        "1h30|time: missing unit in duration \"1h30\"",
        "abc|time: invalid duration \"abc\"",
        "|time: invalid duration \"\"",
        "5x|time: unknown unit \"x\" in duration \"5x\"",
        ".s|time: invalid duration \".s\"",
        "99999999999h|time: invalid duration \"99999999999h\""
      })
  void refusesWhatGoRefusesWithGosMessage(String text, String message) {
    String input = text == null ? "" : text;
    assertThatThrownBy(() -> GoDuration.parse(input)).hasMessage(message);
    if (!input.startsWith("99")) {
      assertThat(DURATION.matcher(input).matches()).as("pattern refuses %s", input).isFalse();
    }
  }

  @Test
  void suggestsCloseNamesOnly() {
    List<String> known = List.of("ssh_host", "ssh_port", "ssh_username");
    assertThat(DidYouMean.suggest("ssh_hots", known)).contains("ssh_host");
    assertThat(DidYouMean.suggest("ssh_usernme", known)).contains("ssh_username");
    assertThat(DidYouMean.suggest("bogus", known)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "sshHost, ssh_host",
    "sshKeyExchangeAlgorithms, ssh_key_exchange_algorithms",
    "output, output",
    "s3Bucket, s3_bucket"
  })
  void turnsComponentNamesIntoKeys(String component, String key) {
    assertThat(SnakeCase.of(component)).isEqualTo(key);
  }
}
