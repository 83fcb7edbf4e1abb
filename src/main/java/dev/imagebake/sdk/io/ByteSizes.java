package dev.imagebake.sdk.io;

import java.util.Locale;

/**
 * Sizes for people, in one unit family (binary: B, KiB, MiB, GiB, TiB), bytes for what is under one
 * KiB: {@code 512 B}, {@code 45.2 MiB}.
 */
public final class ByteSizes {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

  private ByteSizes() {}

  /** {@code bytes} (a count or a rate) with one decimal from KiB up. */
  public static String format(double bytes) {
    if (bytes < 1024) {
      return String.format(Locale.ROOT, "%.0f B", bytes);
    }
    double value = bytes / 1024;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
