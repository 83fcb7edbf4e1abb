package dev.imagebake.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Packer's build durations ({@code durafmt}, first two non-zero units): {@code 2 seconds 476
 * milliseconds}, {@code 5 minutes 345 milliseconds}, {@code 1 second}.
 */
final class HumanDuration {
  private static final String[] NAMES = {
    "year", "week", "day", "hour", "minute", "second", "millisecond", "microsecond"
  };
  private static final long[] MICROS = {
    365L * 24 * 3600 * 1_000_000,
    7L * 24 * 3600 * 1_000_000,
    24L * 3600 * 1_000_000,
    3600L * 1_000_000,
    60L * 1_000_000,
    1_000_000,
    1_000,
    1
  };

  private HumanDuration() {}

  static String format(Duration d) {
    long micros = Math.max(0, d.toNanos() / 1_000);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < NAMES.length && parts.size() < 2; i++) {
      long n = micros / MICROS[i];
      micros %= MICROS[i];
      if (n > 0) {
        parts.add(n + " " + NAMES[i] + (n == 1 ? "" : "s"));
      }
    }
    return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
  }
}
