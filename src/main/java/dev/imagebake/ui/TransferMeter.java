package dev.imagebake.ui;

import java.util.Locale;

/**
 * When and what the progress line of one transfer shows: nothing in its first second (no flicker
 * for small files), then at most four updates a second, e.g. {@code 45.2 MiB / 100.0 MiB (45%) 38.1
 * MiB/s} (the rate is the average since the start). Times are milliseconds of any clock.
 */
final class TransferMeter {
  static final long QUIET_MILLIS = 1000;
  static final long INTERVAL_MILLIS = 250;

  private final long total;
  private final long start;
  private long lastShown = Long.MIN_VALUE;

  /**
   * @param total the bytes to transfer, or a negative number when unknown
   * @param start when the transfer started
   */
  TransferMeter(long total, long start) {
    this.total = total;
    this.start = start;
  }

  /** The text to show at {@code now}, or null while it is too early for (another) update. */
  String tick(long done, long now) {
    if (now - start < QUIET_MILLIS
        || (lastShown != Long.MIN_VALUE && now - lastShown < INTERVAL_MILLIS)) {
      return null;
    }
    lastShown = now;
    return text(done, now);
  }

  /** Whether an update was shown, so the line needs its final state and a newline. */
  boolean shown() {
    return lastShown != Long.MIN_VALUE;
  }

  String text(long done, long now) {
    StringBuilder out = new StringBuilder(bytes(done));
    if (total >= 0) {
      long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
      out.append(" / ").append(bytes(total)).append(" (").append(percent).append("%)");
    }
    long elapsed = Math.max(1, now - start);
    return out.append(' ').append(bytes(done * 1000.0 / elapsed)).append("/s").toString();
  }

  static String bytes(double n) {
    if (n < 1024) {
      return String.format(Locale.ROOT, "%.0f B", n);
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n / 1024;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
