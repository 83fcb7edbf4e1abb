package dev.imagebake.template.interpolate;

import java.math.BigInteger;

/**
 * Go number literals as text/template accepts them: decimal, {@code 0x}/{@code 0o}/{@code 0b} and
 * leading-zero octal integers with {@code _} separators, and decimal floats.
 */
final class NumberLiteral {
  private NumberLiteral() {}

  /** Returns a Long for integers and a Double for floats. */
  static Object parse(String text, int offset) throws TemplateException {
    String digits = text.replace("_", "");
    boolean negative = digits.startsWith("-");
    String unsigned =
        digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
    try {
      if (unsigned.endsWith("i")) {
        throw new TemplateException("complex numbers are not supported: " + quoted(text), offset);
      }
      String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
      int radix = 10;
      String body = unsigned;
      if (lower.startsWith("0x")) {
        radix = 16;
        body = unsigned.substring(2);
      } else if (lower.startsWith("0o")) {
        radix = 8;
        body = unsigned.substring(2);
      } else if (lower.startsWith("0b")) {
        radix = 2;
        body = unsigned.substring(2);
      } else if (lower.contains(".") || lower.contains("e")) {
        if (!lower.matches("[0-9]*\\.?[0-9]*(e[+-]?[0-9]+)?") || !lower.matches(".*[0-9].*")) {
          throw bad(text, offset);
        }
        double value = Double.parseDouble(unsigned);
        if (Double.isInfinite(value)) {
          throw new TemplateException("float overflow: " + quoted(text), offset);
        }
        return negative ? -value : value;
      } else if (unsigned.length() > 1 && unsigned.startsWith("0")) {
        radix = 8;
        body = unsigned.substring(1);
      }
      if (body.isEmpty()) {
        throw bad(text, offset);
      }
      BigInteger value = new BigInteger(body, radix);
      if (negative) {
        value = value.negate();
      }
      if (value.bitLength() > 63) {
        throw new TemplateException("integer overflow: " + quoted(text), offset);
      }
      return value.longValue();
    } catch (NumberFormatException e) {
      throw bad(text, offset);
    }
  }

  private static TemplateException bad(String text, int offset) {
    return new TemplateException("bad number syntax: " + quoted(text), offset);
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }
}
