package dev.imagebake.builder.docker;

import java.util.Locale;

/** Sizes as the docker CLI reads them: {@code 512m}, {@code 1g}, {@code 1024} (bytes). */
final class Sizes {
  private Sizes() {}

  static long bytes(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT).replaceFirst("b$", "");
    long unit = 1;
    if (!s.isEmpty() && "kmgt".indexOf(s.charAt(s.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmgt".indexOf(s.charAt(s.length() - 1)) + 1));
      s = s.substring(0, s.length() - 1);
    }
    try {
      return (long) (Double.parseDouble(s) * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size: " + text, e);
    }
  }
}
