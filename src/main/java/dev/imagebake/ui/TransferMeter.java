package dev.imagebake.ui;

import dev.imagebake.sdk.io.ByteSizes;
import java.util.Locale;

/**
 * When and what the progress line of one transfer shows: nothing in its first second (no flicker
 * for small files), then at most four updates a second, e.g. {@code 45.2 MiB / 100.0 MiB (45%) 38.1
 * MiB/s ETA 0:02} (the rate is the average since the start, the time left at that rate; sizes as
 * {@link ByteSizes}). Times are milliseconds of any clock.
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
    out.append(' ').append(bytes(done * 1000.0 / elapsed)).append("/s");
    if (total >= 0 && done > 0 && done < total) {
      out.append(" ETA ").append(eta(done, total, elapsed));
    }
    return out.toString();
  }

  static String bytes(double n) {
    return ByteSizes.format(n);
  }

  /** The time left at the average rate so far, {@code m:ss} or {@code h:mm:ss}, rounded up. */
  static String eta(long done, long total, long elapsedMillis) {
    long seconds = (long) Math.ceil((total - done) * (double) elapsedMillis / done / 1000.0);
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
