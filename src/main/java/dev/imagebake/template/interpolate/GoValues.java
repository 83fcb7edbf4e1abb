package dev.imagebake.template.interpolate;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go semantics for the Java values a template works with: String, Long (Go int), Double (Go
 * float64), Boolean, List, Map, records and null (Go's missing value).
 */
final class GoValues {
  /** What an action prints for a missing value. */
  static final String NO_VALUE = "<no value>";

  private GoValues() {}

  /** Text an action prints for its value. */
  static String printAction(Object value) {
    return value == null ? NO_VALUE : format(value);
  }

  /** Go's {@code %v} formatting. */
  static String format(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof String s) {
      return s;
    }
    if (isFloat(value)) {
      return formatFloat(((Number) value).doubleValue());
    }
    if (value instanceof Collection<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object element : list) {
        if (out.length() > 1) {
          out.append(' ');
        }
        out.append(format(element));
      }
      return out.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<String, ?> entry : sorted(map).entrySet()) {
        if (!first) {
          out.append(' ');
        }
        first = false;
        out.append(entry.getKey()).append(':').append(format(entry.getValue()));
      }
      return out.append(']').toString();
    }
    return value.toString();
  }

  /** Go's {@code fmt.Sprint}: a space between operands when neither is a string. */
  static String sprint(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (i > 0 && !(arg instanceof String) && !(args.get(i - 1) instanceof String)) {
        out.append(' ');
      }
      out.append(format(arg));
    }
    return out.toString();
  }

  /** Go's {@code %v} for float64: shortest digits, exponent form below 1e-4 and from 1e6. */
  static String formatFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      String digits = shortest.unscaledValue().abs().toString();
      StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      out.append(abs < 10 ? "0" + abs : String.valueOf(abs));
      return out.toString();
    }
    return shortest.toPlainString();
  }

  /** Go's name of the value's type, as {@code %T} and error messages print it. */
  static String typeName(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (isFloat(value)) {
      return "float64";
    }
    if (isInteger(value)) {
      return "int";
    }
    if (value instanceof Collection<?>) {
      return "[]interface {}";
    }
    if (value instanceof Map<?, ?>) {
      return "map[string]interface {}";
    }
    return value.getClass().getSimpleName();
  }

  /** Go's template truth: false, 0, "", nil and empty collections are false. */
  static boolean truth(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (isInteger(value)) {
      return ((Number) value).longValue() != 0;
    }
    if (isFloat(value)) {
      return ((Number) value).doubleValue() != 0;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  static boolean isInteger(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte;
  }

  static boolean isFloat(Object value) {
    return value instanceof Double || value instanceof Float;
  }

  /** A map's entries sorted by key, as Go prints and ranges over maps. */
  static Map<String, ?> sorted(Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    return sorted;
  }

  /** Go's {@code %#U} rendering of a character: {@code U+0021 '!'}. */
  static String describeRune(char c) {
    return String.format("U+%04X '%c'", (int) c, c);
  }

  /** Go's quoting of a string literal ({@code strconv.Quote}). */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                  } else if (isPrintable(cp)) {
                    out.appendCodePoint(cp);
                  } else if (cp < 0x10000) {
                    out.append(String.format("\\u%04x", cp));
                  } else {
                    out.append(String.format("\\U%08x", cp));
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /**
   * Go's {@code unicode.IsPrint}, approximately: letters, marks, numbers, punctuation, symbols and
   * ASCII space.
   */
  static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return cp < 0x80
        || !(type == Character.CONTROL
            || type == Character.FORMAT
            || type == Character.UNASSIGNED
            || type == Character.PRIVATE_USE
            || type == Character.SURROGATE
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR
            || (type == Character.SPACE_SEPARATOR && cp != ' '));
  }
}
