package dev.imagebake.template;

import dev.imagebake.sdk.go.GoDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Go mapstructure's decoding of the core-consumed keys of template blocks, with its error wording.
 * Packer decodes builders and provisioners weakly (numbers and bools become strings, a single value
 * becomes a list) but post-processors strictly. Each method returns the value or throws {@link
 * DecodeException} with the message mapstructure would give; {@code field} is the name it uses
 * ({@code Type}, {@code Only}, {@code pause_before}, …).
 */
record MapDecode(boolean weak) {
  static final MapDecode WEAK = new MapDecode(true);
  static final MapDecode STRICT = new MapDecode(false);

  /** One field that cannot be decoded. */
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

  /** A string; null is "". Weakly, {@code 5} → "5" and {@code true} → "1". */
  String string(JsonNode n, String field, String pointer) throws DecodeException {
    if (n == null || n.isNull()) {
      return "";
    }
    if (n.isString()) {
      return n.stringValue();
    }
    if (weak && n.isBoolean()) {
      return n.booleanValue() ? "1" : "0";
    }
    if (weak && n.isNumber()) {
      return plainNumber(n);
    }
    throw unconvertible(n, field, "string", pointer);
  }

  /** A list of strings; null is empty. Weakly, a single value becomes a one-element list. */
  List<String> stringList(JsonNode n, String field, String pointer) throws DecodeException {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      if (!weak) {
        throw new DecodeException(
            "'" + field + "': source data must be an array or slice, got " + GoJsonValues.kind(n),
            pointer);
      }
      if (n.isObject() && n.isEmpty()) {
        return out;
      }
      out.add(string(n, field + "[0]", pointer));
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      out.add(string(n.get(i), field + "[" + i + "]", JsonText.child(pointer, i)));
    }
    return out;
  }

  /** A Go {@code time.Duration}: a duration string, or (weakly) a number of nanoseconds. */
  Duration duration(JsonNode n, String field, String pointer) throws DecodeException {
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
      // Go converts float64 to int64 by truncation.
      return Duration.ofNanos(
          n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : (long) n.doubleValue());
    }
    if (weak && n.isBoolean()) {
      return Duration.ofNanos(n.booleanValue() ? 1 : 0);
    }
    throw unconvertible(n, field, "time.Duration", pointer);
  }

  /** A {@code *bool}: null when absent. */
  Boolean optionalBool(JsonNode n, String field, String pointer) throws DecodeException {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    throw unconvertible(n, field, "bool", pointer);
  }

  private static DecodeException unconvertible(
      JsonNode n, String field, String type, String pointer) {
    return new DecodeException(
        "'"
            + field
            + "' expected type '"
            + type
            + "', got unconvertible type '"
            + GoJsonValues.typeName(n)
            + "', value: '"
            + GoJsonValues.format(n)
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
