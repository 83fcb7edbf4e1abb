package dev.imagebake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferMeterTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void showsNothingInTheFirstSecond() {
    TransferMeter meter = new TransferMeter(100 * MIB, 5_000);
    assertThat(meter.tick(10 * MIB, 5_000)).isNull();
    assertThat(meter.tick(90 * MIB, 5_999)).isNull();
    assertThat(meter.shown()).isFalse();
  }

  @Test
  void formatsSizePercentAndAverageRate() {
    TransferMeter meter = new TransferMeter(100 * MIB, 0);
    // 45.2 MiB in 1.186 s: 38.1 MiB/s.
    long done = (long) (45.2 * MIB);
    assertThat(meter.tick(done, 1186)).isEqualTo("45.2 MiB / 100.0 MiB (45%) 38.1 MiB/s ETA 0:02");
    assertThat(meter.shown()).isTrue();
  }

  @Test
  void updatesAtMostFourTimesASecond() {
    TransferMeter meter = new TransferMeter(4 * MIB, 0);
    assertThat(meter.tick(MIB, 1000)).isEqualTo("1.0 MiB / 4.0 MiB (25%) 1.0 MiB/s ETA 0:03");
    assertThat(meter.tick(2 * MIB, 1249)).isNull();
    assertThat(meter.tick(2 * MIB, 1250)).isEqualTo("2.0 MiB / 4.0 MiB (50%) 1.6 MiB/s ETA 0:02");
  }

  @Test
  void smallSizesAreInBytesAndTheEtaGrowsToHours() {
    assertThat(TransferMeter.bytes(512)).isEqualTo("512 B");
    assertThat(TransferMeter.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(TransferMeter.eta(1, 7201, 1000)).isEqualTo("2:00:00");
    assertThat(TransferMeter.eta(1, 62, 1000)).isEqualTo("1:01");
  }

  @Test
  void unknownTotalShowsBytesAndRateOnly() {
    TransferMeter meter = new TransferMeter(-1, 0);
    assertThat(meter.tick(3 * 1024 * MIB, 2000)).isEqualTo("3.0 GiB 1.5 GiB/s");
  }

  @Test
  void smallAmountsInBytesAndPercentCapped() {
    TransferMeter meter = new TransferMeter(10, 0);
    assertThat(meter.text(512, 1000)).isEqualTo("512 B / 10 B (100%) 512 B/s");
    assertThat(new TransferMeter(0, 0).text(0, 1000)).isEqualTo("0 B / 0 B (100%) 0 B/s");
  }
}
