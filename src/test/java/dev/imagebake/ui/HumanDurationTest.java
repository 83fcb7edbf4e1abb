package dev.imagebake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
  @Test
  void twoMostSignificantNonZeroUnits() {
    assertThat(HumanDuration.format(Duration.ofMillis(2476)))
        .isEqualTo("2 seconds 476 milliseconds");
    assertThat(HumanDuration.format(Duration.ofNanos(18_697_400)))
        .isEqualTo("18 milliseconds 697 microseconds");
    assertThat(HumanDuration.format(Duration.ofMinutes(5).plusMillis(345)))
        .isEqualTo("5 minutes 345 milliseconds");
    assertThat(HumanDuration.format(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(HumanDuration.format(Duration.ofHours(1).plusMinutes(1).plusSeconds(1)))
        .isEqualTo("1 hour 1 minute");
  }
}
