package dev.imagebake.sdk.go;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as Packer templates write them and Packer prints them: Go's {@code time.ParseDuration}
 * and {@code time.Duration.String()}. Parsing accepts {@code 300ms}, {@code 1.5s}, {@code 1h30m},
 * {@code -2m}, units ns, us (µs, μs), ms, s, m, h; a bare {@code 0} is allowed, any other number
 * needs a unit. Error messages are Go's, e.g. {@code time: invalid duration "abc"}.
 */
public final class GoDuration {
  /**
   * The language {@link #parse} accepts, as a regular expression (for JSON Schemas); it does not
   * catch overflow, which only the parser reports.
   */
  public static final String PATTERN =
      "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$";

  private GoDuration() {}

  /** Go's {@code Duration.String()}: {@code 10s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}. */
  public static String format(Duration d) {
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
      return sign + decimal(nanos, 3) + "\u00b5s";
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

  /**
   * @throws IllegalArgumentException with Go's message when {@code s} is not a valid duration
   */
  public static Duration parse(String s) {
    String orig = s;
    boolean neg = false;
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    if (s.substring(i).equals("0")) {
      return Duration.ZERO;
    }
    if (i == s.length()) {
      throw invalid(orig);
    }
    long total = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || isDigit(c))) {
        throw invalid(orig);
      }
      // Integer part.
      int start = i;
      long v = 0;
      while (i < s.length() && isDigit(s.charAt(i))) {
        if (v > (Long.MAX_VALUE - 9) / 10) {
          throw invalid(orig);
        }
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      boolean pre = i != start;
      // Fraction: digits beyond what fits are dropped, as Go does.
      long f = 0;
      double scale = 1;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        while (i < s.length() && isDigit(s.charAt(i))) {
          if (!overflow) {
            if (f > (Long.MAX_VALUE - 9) / 10) {
              overflow = true;
            } else {
              f = f * 10 + (s.charAt(i) - '0');
              scale *= 10;
            }
          }
          i++;
        }
        post = i != fracStart;
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
      }
      String u = s.substring(unitStart, i);
      long unit = unitNanos(u);
      if (unit == 0) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(u) + " in duration " + quote(orig));
      }
      if (v > Long.MAX_VALUE / unit) {
        throw invalid(orig);
      }
      v *= unit;
      if (f > 0) {
        v += (long) ((double) f * ((double) unit / scale));
        if (v < 0) {
          throw invalid(orig);
        }
      }
      total += v;
      if (total < 0) {
        throw invalid(orig);
      }
    }
    return Duration.ofNanos(neg ? -total : total);
  }

  private static long unitNanos(String u) {
    return switch (u) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 0L;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration " + quote(orig));
  }

  /** Go's {@code strconv.Quote} for the characters that matter in one-line messages. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
