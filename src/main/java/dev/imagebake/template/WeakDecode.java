package dev.imagebake.template;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Go mapstructure's weakly typed decoding of the core-consumed keys of template blocks ({@code
 * type}, {@code only}, {@code pause_before}, …), with its error wording. Each method either returns
 * the value or throws {@link DecodeException} with the message mapstructure would give.
 */
final class WeakDecode {
  private WeakDecode() {}

  /** One field that cannot be decoded; the message names the field as mapstructure does. */
  static final class DecodeException extends Exception {
    private final String pointer;

    DecodeException(String message, String pointer) {
      super(message, null, false, false);
      this.pointer = pointer;
    }

    String pointer() {
      return pointer;
    }
  }

  /** A string field: numbers and bools are converted ({@code 5} → "5", {@code true} → "1"). */
  static String string(JsonNode n, String field, String pointer) throws DecodeException {
    if (n == null || n.isNull()) {
      return "";
    }
    if (n.isString()) {
      return n.stringValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue() ? "1" : "0";
    }
    if (n.isNumber()) {
      return plainNumber(n);
    }
    throw unconvertible(n, field, "string", pointer);
  }

  /** A list of strings: a single value becomes a one-element list; null is empty. */
  static List<String> stringList(JsonNode n, String field, String pointer) throws DecodeException {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isObject()) {
      throw new DecodeException(
          "'" + field + "': source data must be an array or slice, got map", pointer);
    }
    if (!n.isArray()) {
      out.add(string(n, field, pointer));
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      out.add(string(n.get(i), field + "[" + i + "]", JsonText.child(pointer, i)));
    }
    return out;
  }

  /** A Go {@code time.Duration}: a duration string, or a number of nanoseconds. */
  static Duration duration(JsonNode n, String field, String pointer) throws DecodeException {
    if (n == null || n.isNull()) {
      return Duration.ZERO;
    }
    if (n.isString()) {
      try {
        return GoDuration.parse(n.stringValue());
      } catch (IllegalArgumentException e) {
        throw new DecodeException("error decoding '" + field + "': " + e.getMessage(), pointer);
      }
    }
    if (n.isNumber()) {
      return Duration.ofNanos(n.longValue());
    }
    if (n.isBoolean()) {
      return Duration.ofNanos(n.booleanValue() ? 1 : 0);
    }
    throw unconvertible(n, field, "int64", pointer);
  }

  /** A {@code *bool}: null when absent; Go {@code ParseBool} strings and numbers accepted. */
  static Boolean optionalBool(JsonNode n, String field, String pointer) throws DecodeException {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isNumber()) {
      return n.doubleValue() != 0;
    }
    if (n.isString()) {
      switch (n.stringValue()) {
        case "1", "t", "T", "TRUE", "true", "True":
          return true;
        case "0", "f", "F", "FALSE", "false", "False", "":
          return false;
        default:
          break;
      }
    }
    throw unconvertible(n, field, "bool", pointer);
  }

  static DecodeException unconvertible(JsonNode n, String field, String type, String pointer) {
    return new DecodeException(
        "'"
            + field
            + "' expected type '"
            + type
            + "', got unconvertible type '"
            + GoValues.typeName(n)
            + "', value: '"
            + GoValues.format(n)
            + "'",
        pointer);
  }

  /** {@code strconv.FormatFloat(f, 'f', -1, 64)}: no exponent, no trailing zeros. */
  static String plainNumber(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().toString();
    }
    BigDecimal d = new BigDecimal(Double.toString(n.doubleValue())).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
