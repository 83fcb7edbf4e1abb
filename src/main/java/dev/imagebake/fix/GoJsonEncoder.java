package dev.imagebake.fix;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text {@code packer fix} prints: Go's {@code json.Encoder} (keys sorted, HTML characters
 * escaped, shortest floats), re-indented by {@code json.Indent} with two spaces, then {@code
 * \u005cu003c} and {@code \u005cu003e} turned back into {@code <} and {@code >} over the whole text
 * (as Packer does, so a string holding that escape literally changes too).
 */
final class GoJsonEncoder {
  /** Go sorts map keys by their UTF-8 bytes, which is code point order. */
  private static final Comparator<String> GO_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private GoJsonEncoder() {}

  /** The indented document with the encoder's trailing newline. */
  static String encode(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    out.append('\n');
    return out.toString().replace("\\u003c", "<").replace("\\u003e", ">");
  }

  private static void write(StringBuilder out, Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> raw) {
      Map<String, Object> map = GoDecode.map(raw);
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      List<String> keys = new ArrayList<>(map.keySet());
      keys.sort(GO_ORDER);
      String inner = indent + "  ";
      out.append("{\n");
      for (int k = 0; k < keys.size(); k++) {
        out.append(inner);
        string(out, keys.get(k));
        out.append(": ");
        write(out, map.get(keys.get(k)), inner);
        out.append(k + 1 < keys.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      String inner = indent + "  ";
      out.append("[\n");
      for (int k = 0; k < list.size(); k++) {
        out.append(inner);
        write(out, list.get(k), inner);
        out.append(k + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double d) {
      out.append(number(d));
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  /** Go's {@code encodeState.string} with HTML escaping. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> hex(out, c);
        default -> {
          if (c < 0x20) {
            hex(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void hex(StringBuilder out, char c) {
    out.append("\\u").append(String.format("%04x", (int) c));
  }

  /**
   * Go's float64 encoding: shortest form, exponent below 1e-6 and from 1e21, {@code e-7} not {@code
   * e-07}.
   */
  static String number(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double abs = Math.abs(d);
    if (abs >= 1e-6 && abs < 1e21) {
      return shortest.toPlainString();
    }
    // d.ddde±XX with at least two exponent digits, then Go drops the 0 of e-0X.
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    if (exp.startsWith("-0")) {
      exp = "-" + exp.substring(2);
    }
    return (d < 0 ? "-" : "") + mantissa + "e" + exp;
  }
}
