package dev.imagebake.template.interpolate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Go's {@code fmt.Sprintf} for the verbs templates use: {@code %v %s %q %d %x %X %o %b %c %U %t %f
 * %F %e %E %g %G %T %%}, flags {@code + - # 0 space}, width and precision. Bad verbs, missing and
 * extra arguments render as Go does ({@code %!d(string=x)}, {@code %!s(MISSING)}, {@code %!(EXTRA
 * int=2)}).
 */
final class GoPrintf {
  /** Go refuses widths and precisions above a million. */
  private static final int MAX_WIDTH = 1_000_000;

  private GoPrintf() {}

  private static int boundedInt(String digits) {
    return digits.length() > 7 ? MAX_WIDTH + 1 : Integer.parseInt(digits);
  }

  /** The digits of |n| (also for Long.MIN_VALUE). */
  private static String magnitude(long n, int radix) {
    return Long.toUnsignedString(n < 0 ? -n : n, radix);
  }

  /** The character of a code point; invalid ones print as U+FFFD like Go. */
  private static String rune(long n) {
    return n >= 0 && n <= Character.MAX_CODE_POINT && !(n >= 0xD800 && n <= 0xDFFF)
        ? new String(Character.toChars((int) n))
        : "\uFFFD";
  }

  /** One conversion's flags, width and precision (-1 when absent). */
  private record Spec(
      boolean plus,
      boolean minus,
      boolean sharp,
      boolean zero,
      boolean space,
      int width,
      int prec) {}

  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      boolean plus = false;
      boolean minus = false;
      boolean sharp = false;
      boolean zero = false;
      boolean space = false;
      flags:
      while (i < format.length()) {
        switch (format.charAt(i)) {
          case '+' -> plus = true;
          case '-' -> minus = true;
          case '#' -> sharp = true;
          case '0' -> zero = true;
          case ' ' -> space = true;
          default -> {
            break flags;
          }
        }
        i++;
      }
      int width = -1;
      int start = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > start) {
        width = boundedInt(format.substring(start, i));
      }
      int prec = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        prec = i > start ? boundedInt(format.substring(start, i)) : 0;
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      if (width > MAX_WIDTH) {
        out.append("%!(BADWIDTH)");
        width = -1;
      }
      if (prec > MAX_WIDTH) {
        out.append("%!(BADPREC)");
        prec = -1;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argIndex >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object arg = args.get(argIndex++);
      Spec spec = new Spec(plus, minus, sharp, zero && !minus, space, width, prec);
      out.append(convert(verb, arg, spec));
    }
    if (argIndex < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argIndex; k < args.size(); k++) {
        if (k > argIndex) {
          out.append(", ");
        }
        Object extra = args.get(k);
        out.append(GoValues.typeName(extra)).append('=').append(GoValues.format(extra));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String convert(char verb, Object arg, Spec spec) {
    if (verb == 'T') {
      return pad(GoValues.typeName(arg), spec);
    }
    if (arg == null) {
      return verb == 'v' ? pad("<nil>", spec) : "%!" + verb + "(<nil>)";
    }
    if (arg instanceof String s) {
      return switch (verb) {
        case 'v', 's' -> pad(truncate(s, spec.prec()), spec);
        case 'q' -> pad(quoteString(truncate(s, spec.prec()), spec.plus()), spec);
        case 'x', 'X' -> pad(hexBytes(s, verb == 'X'), spec);
        default -> bad(verb, arg);
      };
    }
    if (GoValues.isInteger(arg)) {
      long n = ((Number) arg).longValue();
      return switch (verb) {
        case 'v', 'd' -> integer(magnitude(n, 10), n < 0, spec, "");
        case 'x' -> integer(magnitude(n, 16), n < 0, spec, spec.sharp() ? "0x" : "");
        case 'X' ->
            integer(
                magnitude(n, 16).toUpperCase(Locale.ROOT), n < 0, spec, spec.sharp() ? "0X" : "");
        case 'o' -> integer(magnitude(n, 8), n < 0, spec, spec.sharp() ? "0" : "");
        case 'O' -> integer(magnitude(n, 8), n < 0, spec, "0o");
        case 'b' -> integer(magnitude(n, 2), n < 0, spec, "");
        case 'c' -> pad(rune(n), spec);
        case 'q' -> pad(quoteRune(rune(n)), spec);
        case 'U' ->
            pad(String.format("U+%04X", n) + (spec.sharp() ? " '" + rune(n) + "'" : ""), spec);
        case 'e', 'E', 'f', 'F', 'g', 'G' -> bad(verb, arg);
        default -> bad(verb, arg);
      };
    }
    if (GoValues.isFloat(arg)) {
      double d = ((Number) arg).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return verb == 'v' || "eEfFgG".indexOf(verb) >= 0
            ? pad(GoValues.formatFloat(d), spec)
            : bad(verb, arg);
      }
      return switch (verb) {
        case 'v' ->
            floating(
                spec.prec() < 0
                    ? GoValues.formatFloat(Math.abs(d))
                    : generalFloat(Math.abs(d), spec.prec(), false),
                d,
                spec);
        case 'g', 'G' -> floating(generalFloat(Math.abs(d), spec.prec(), verb == 'G'), d, spec);
        case 'f', 'F' ->
            floating(
                new BigDecimal(Math.abs(d))
                    .setScale(spec.prec() < 0 ? 6 : spec.prec(), RoundingMode.HALF_EVEN)
                    .toPlainString(),
                d,
                spec);
        case 'e', 'E' -> floating(exponent(Math.abs(d), spec.prec(), verb == 'E'), d, spec);
        default -> bad(verb, arg);
      };
    }
    if (arg instanceof Boolean b) {
      return verb == 'v' || verb == 't' ? pad(b.toString(), spec) : bad(verb, arg);
    }
    return verb == 'v' || verb == 's' ? pad(GoValues.format(arg), spec) : bad(verb, arg);
  }

  private static String bad(char verb, Object arg) {
    return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.format(arg) + ")";
  }

  private static String truncate(String s, int prec) {
    if (prec < 0 || s.codePointCount(0, s.length()) <= prec) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, prec));
  }

  private static String hexBytes(String s, boolean upper) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format(upper ? "%02X" : "%02x", b & 0xff));
    }
    return out.toString();
  }

  /** {@code %q}; with {@code +} non-ASCII characters are escaped too. */
  private static String quoteString(String s, boolean asciiOnly) {
    String quoted = GoValues.quote(s);
    if (!asciiOnly) {
      return quoted;
    }
    StringBuilder out = new StringBuilder();
    quoted
        .codePoints()
        .forEach(
            cp -> {
              if (cp < 0x80) {
                out.appendCodePoint(cp);
              } else if (cp < 0x10000) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.append(String.format("\\U%08x", cp));
              }
            });
    return out.toString();
  }

  private static String quoteRune(String rune) {
    if (rune.equals("'")) {
      return "'\\''";
    }
    String quoted = GoValues.quote(rune);
    return "'" + quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"") + "'";
  }

  private static String integer(String digits, boolean negative, Spec spec, String prefix) {
    if (spec.prec() == 0 && digits.equals("0")) {
      // Go prints nothing for a zero value with precision 0.
      return pad("", spec);
    }
    if (spec.prec() >= 0 && digits.length() < spec.prec()) {
      digits = "0".repeat(spec.prec() - digits.length()) + digits;
    }
    return signed(prefix + digits, negative, spec, spec.prec() < 0);
  }

  private static String floating(String digits, double value, Spec spec) {
    boolean negative = value < 0 || (value == 0 && 1 / value < 0);
    return signed(digits, negative, spec, true);
  }

  private static String signed(String body, boolean negative, Spec spec, boolean zeroPadAllowed) {
    String sign = negative ? "-" : spec.plus() ? "+" : spec.space() ? " " : "";
    if (spec.zero() && zeroPadAllowed && spec.width() > sign.length() + body.length()) {
      return sign + "0".repeat(spec.width() - sign.length() - body.length()) + body;
    }
    return pad(sign + body, spec);
  }

  private static String pad(String body, Spec spec) {
    int length = body.codePointCount(0, body.length());
    if (spec.width() <= length) {
      return body;
    }
    String fill = " ".repeat(spec.width() - length);
    if (spec.minus()) {
      return body + fill;
    }
    return spec.zero() ? "0".repeat(spec.width() - length) + body : fill + body;
  }

  private static String exponent(double abs, int prec, boolean upper) {
    String formatted = String.format(Locale.ROOT, "%." + (prec < 0 ? 6 : prec) + "e", abs);
    return upper ? formatted.toUpperCase(Locale.ROOT) : formatted;
  }

  private static String generalFloat(double abs, int prec, boolean upper) {
    if (prec < 0) {
      String shortest = GoValues.formatFloat(abs);
      return upper ? shortest.toUpperCase(Locale.ROOT) : shortest;
    }
    int digits = prec == 0 ? 1 : prec;
    if (abs == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(abs).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    int exp = rounded.precision() - rounded.scale() - 1;
    if (exp < -4 || exp >= digits) {
      String e = exponent(rounded.doubleValue(), digits - 1, upper);
      // %g drops trailing zeros of the mantissa.
      int mark = e.indexOf(upper ? 'E' : 'e');
      String mantissa = e.substring(0, mark);
      if (mantissa.contains(".")) {
        mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return mantissa + e.substring(mark);
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
