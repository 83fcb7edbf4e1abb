package dev.imagebake.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How Go's mapstructure names and prints JSON values in its errors, so messages match Packer's
 * ({@code got unconvertible type 'float64', value: '5'}).
 */
final class GoJsonValues {
  private GoJsonValues() {}

  /** The Go type of the value after {@code json.Unmarshal} into {@code interface{}}. */
  static String typeName(JsonNode n) {
    if (n.isObject()) {
      return "map[string]interface {}";
    }
    if (n.isArray()) {
      return "[]interface {}";
    }
    return kind(n);
  }

  /** The reflect kind, as mapstructure prints it in "expected a map, got 'slice'". */
  static String kind(JsonNode n) {
    if (n.isObject()) {
      return "map";
    }
    if (n.isArray()) {
      return "slice";
    }
    if (n.isNumber()) {
      return "float64";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    if (n.isString()) {
      return "string";
    }
    return "invalid";
  }

  /**
   * Go's {@code %v}, with line breaks shown as {@code \n} so messages stay on one line. Maps print
   * with sorted keys, as fmt does.
   */
  static String format(JsonNode n) {
    if (n.isString()) {
      return oneLine(n.stringValue());
    }
    if (n.isNumber()) {
      return formatNumber(n.doubleValue());
    }
    if (n.isBoolean()) {
      return String.valueOf(n.booleanValue());
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(e -> parts.add(format(e)));
      return "[" + String.join(" ", parts) + "]";
    }
    if (n.isObject()) {
      List<String> parts = new ArrayList<>();
      n.properties().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> parts.add(e.getKey() + ":" + format(e.getValue())));
      return "map[" + String.join(" ", parts) + "]";
    }
    return "<nil>";
  }

  static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  /** Go's {@code %v} of a float64: shortest form, exponent from 1e21. */
  static String formatNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return String.valueOf((long) d);
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
  }
}
