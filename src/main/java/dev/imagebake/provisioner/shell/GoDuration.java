package dev.imagebake.provisioner.shell;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.Duration.String()}: {@code 10s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}. */
final class GoDuration {
  private GoDuration() {}

  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    nanos = Math.abs(nanos);
    if (nanos < 1_000L) {
      return sign + nanos + "ns";
    }
    if (nanos < 1_000_000L) {
      return sign + decimal(nanos, 3) + "µs";
    }
    if (nanos < 1_000_000_000L) {
      return sign + decimal(nanos, 6) + "ms";
    }
    long hours = nanos / 3_600_000_000_000L;
    long minutes = nanos / 60_000_000_000L % 60;
    long secNanos = nanos % 60_000_000_000L;
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(decimal(secNanos, 9)).append('s').toString();
  }

  private static String decimal(long value, int scale) {
    return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
  }
}
