package dev.imagebake.provisioner.chef;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as Go's {@code json.MarshalIndent(v, "", " ")} writes the node attributes Packer uploads:
 * object keys sorted, two-space indentation, {@code <}, {@code >}, {@code &} and control characters
 * escaped as {@code \\u00xx}, empty objects and arrays as {@code {}} and {@code []}.
 */
final class GoJson {
  private GoJson() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof BigDecimal d) {
      out.append(number(d));
    } else if (value instanceof Number n) {
      out.append(number(new BigDecimal(n.toString())));
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      String inner = indent + "  ";
      out.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.append(inner);
        string(out, e.getKey());
        out.append(": ");
        write(out, e.getValue(), inner);
        out.append(++i < sorted.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      String inner = indent + "  ";
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        out.append(inner);
        write(out, list.get(i), inner);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      string(out, value.toString());
    }
  }

  /** A float64 as Go prints it: integral values without a fraction, others shortest. */
  private static String number(BigDecimal d) {
    double v = d.doubleValue();
    if (v == Math.rint(v) && Math.abs(v) < 1e21) {
      return new BigDecimal(v).toPlainString();
    }
    String s = Double.toString(v);
    return s.contains("E") ? s.replace("E", "e+").replace("e+-", "e-") : s;
  }

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
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
