package dev.imagebake.template.interpolate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's {@code time.Format} with layouts written against the reference time {@code Mon Jan 2
 * 15:04:05 -0700 MST 2006}, always in UTC (as Packer formats). Text that is not a layout token is
 * copied literally.
 */
final class GoTimeLayout {
  /** Go's {@code time.RFC3339}, {@code isotime}'s default. */
  static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

  private GoTimeLayout() {}

  static String format(String layout, Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < layout.length()) {
      int consumed = token(layout, i, t, out);
      if (consumed == 0) {
        out.append(layout.charAt(i));
        i++;
      } else {
        i += consumed;
      }
    }
    return out.toString();
  }

  /** Appends the token at {@code i} if there is one; returns its length, 0 for none. */
  private static int token(String layout, int i, ZonedDateTime t, StringBuilder out) {
    Rest rest = new Rest(layout, i);
    switch (layout.charAt(i)) {
      case 'J' -> {
        if (rest.startsWith("January")) {
          out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
          return 7;
        }
        if (rest.startsWith("Jan") && !startsWithLowerCase(rest, 3)) {
          out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
          return 3;
        }
      }
      case 'M' -> {
        if (rest.startsWith("Monday")) {
          out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
          return 6;
        }
        if (rest.startsWith("Mon") && !startsWithLowerCase(rest, 3)) {
          out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
          return 3;
        }
        if (rest.startsWith("MST")) {
          out.append("UTC");
          return 3;
        }
      }
      case '0' -> {
        if (rest.length() >= 2 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
          int value =
              switch (rest.charAt(1)) {
                case '1' -> t.getMonthValue();
                case '2' -> t.getDayOfMonth();
                case '3' -> hour12(t);
                case '4' -> t.getMinute();
                case '5' -> t.getSecond();
                default -> t.getYear() % 100;
              };
          out.append(twoDigits(value));
          return 2;
        }
        if (rest.startsWith("002")) {
          out.append(String.format("%03d", t.getDayOfYear()));
          return 3;
        }
      }
      case '1' -> {
        if (rest.startsWith("15")) {
          out.append(twoDigits(t.getHour()));
          return 2;
        }
        out.append(t.getMonthValue());
        return 1;
      }
      case '2' -> {
        if (rest.startsWith("2006")) {
          out.append(String.format("%04d", t.getYear()));
          return 4;
        }
        out.append(t.getDayOfMonth());
        return 1;
      }
      case '_' -> {
        if (rest.startsWith("_2006")) {
          // "_2006" is a literal underscore followed by the year.
          out.append('_').append(String.format("%04d", t.getYear()));
          return 5;
        }
        if (rest.startsWith("__2")) {
          out.append(String.format("%3d", t.getDayOfYear()));
          return 3;
        }
        if (rest.startsWith("_2")) {
          out.append(String.format("%2d", t.getDayOfMonth()));
          return 2;
        }
      }
      case '3' -> {
        out.append(hour12(t));
        return 1;
      }
      case '4' -> {
        out.append(t.getMinute());
        return 1;
      }
      case '5' -> {
        out.append(t.getSecond());
        return 1;
      }
      case 'P' -> {
        if (rest.startsWith("PM")) {
          out.append(t.getHour() >= 12 ? "PM" : "AM");
          return 2;
        }
      }
      case 'p' -> {
        if (rest.startsWith("pm")) {
          out.append(t.getHour() >= 12 ? "pm" : "am");
          return 2;
        }
      }
      case '-' -> {
        return zone(rest, '-', out);
      }
      case 'Z' -> {
        return zone(rest, 'Z', out);
      }
      case '.', ',' -> {
        return fraction(rest, t, out);
      }
      default -> {
        return 0;
      }
    }
    return 0;
  }

  /** UTC offsets: {@code -0700} style prints {@code +0000}, {@code Z0700} style prints Z. */
  private static int zone(Rest rest, char lead, StringBuilder out) {
    String[] patterns = {"070000", "07:00:00", "0700", "07:00", "07"};
    String[] utc = {"+000000", "+00:00:00", "+0000", "+00:00", "+00"};
    for (int k = 0; k < patterns.length; k++) {
      if (rest.startsWith(patterns[k], 1)) {
        out.append(lead == 'Z' ? "Z" : utc[k]);
        return 1 + patterns[k].length();
      }
    }
    return 0;
  }

  /** {@code .000} (fixed digits) or {@code .999} (trailing zeros dropped) fractional seconds. */
  private static int fraction(Rest rest, ZonedDateTime t, StringBuilder out) {
    if (rest.length() < 2 || (rest.charAt(1) != '0' && rest.charAt(1) != '9')) {
      return 0;
    }
    char digit = rest.charAt(1);
    int end = 1;
    while (end < rest.length() && rest.charAt(end) == digit) {
      end++;
    }
    if (end < rest.length() && Character.isDigit(rest.charAt(end))) {
      return 0;
    }
    int count = end - 1;
    String nanos = String.format("%09d", t.getNano()).substring(0, Math.min(9, count));
    if (digit == '9') {
      nanos = nanos.replaceAll("0+$", "");
      if (!nanos.isEmpty()) {
        out.append(rest.charAt(0)).append(nanos);
      }
    } else {
      out.append(rest.charAt(0)).append(nanos).append("0".repeat(Math.max(0, count - 9)));
    }
    return end;
  }

  private static int hour12(ZonedDateTime t) {
    int hour = t.getHour() % 12;
    return hour == 0 ? 12 : hour;
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : String.valueOf(value);
  }

  private static boolean startsWithLowerCase(Rest rest, int at) {
    return at < rest.length() && rest.charAt(at) >= 'a' && rest.charAt(at) <= 'z';
  }

  /** The layout from a position on, without copying it. */
  private record Rest(String layout, int from) {
    boolean startsWith(String prefix) {
      return layout.startsWith(prefix, from);
    }

    boolean startsWith(String prefix, int offset) {
      return layout.startsWith(prefix, from + offset);
    }

    char charAt(int index) {
      return layout.charAt(from + index);
    }

    int length() {
      return layout.length() - from;
    }
  }
}
