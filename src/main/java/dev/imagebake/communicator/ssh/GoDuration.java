package dev.imagebake.communicator.ssh;

import java.time.Duration;

/** Durations written as Go's {@code time.Duration.String()} writes them, as Packer prints them. */
final class GoDuration {
  private GoDuration() {}

  /** E.g. {@code 5m0s}, {@code 1h0m0s}, {@code 10s}, {@code 1.5s}, {@code 500ms}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      long nanos = d.toNanos();
      if (nanos % 1_000_000 == 0) {
        return nanos / 1_000_000 + "ms";
      }
      return nanos + "ns";
    }
    StringBuilder text = new StringBuilder();
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      text.append(minutes).append('m');
    }
    text.append(d.toSecondsPart());
    int millis = d.toMillisPart();
    if (millis > 0) {
      text.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
    }
    return text.append('s').toString();
  }
}
