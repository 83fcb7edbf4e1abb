package dev.imagebake.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Go's {@code time.ParseDuration}, which is what Packer templates are written for. */
final class GoDuration {
  /**
   * The same language as a regular expression (for the JSON Schema); it does not catch overflow,
   * which only the parser reports.
   */
  static final String PATTERN =
      "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$";

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * @throws IllegalArgumentException with Go's message, e.g. {@code time: missing unit in duration
   *     "30"}
   */
  static Duration parse(String original) {
    String s = original;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(original);
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || isDigit(c))) {
        throw invalid(original);
      }
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean pre = i > start;
      String whole = s.substring(start, i);
      String fraction = "";
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fstart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        post = i > fstart;
        fraction = s.substring(fstart, i);
      }
      if (!pre && !post) {
        throw invalid(original);
      }
      int ustart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == ustart) {
        throw new IllegalArgumentException(
            "time: missing unit in duration " + GoQuote.of(original));
      }
      String unitName = s.substring(ustart, i);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + GoQuote.of(unitName) + " in duration " + GoQuote.of(original));
      }
      try {
        long value = whole.isEmpty() ? 0 : Long.parseLong(whole);
        long part =
            fraction.isEmpty()
                ? 0
                : new BigDecimal("0." + fraction).multiply(BigDecimal.valueOf(unit)).longValue();
        total = Math.addExact(total, Math.addExact(Math.multiplyExact(value, unit), part));
      } catch (ArithmeticException | NumberFormatException overflow) {
        throw invalid(original);
      }
    }
    return Duration.ofNanos(negative ? -total : total);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String original) {
    return new IllegalArgumentException("time: invalid duration " + GoQuote.of(original));
  }
}
