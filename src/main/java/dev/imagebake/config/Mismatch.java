package dev.imagebake.config;

import dev.imagebake.sdk.go.GoDuration;
import dev.imagebake.sdk.go.GoStrings;
import java.math.BigInteger;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The wording of type errors, shared by schema-error mapping and the binder so both say the same
 * thing about the same value. Values of secret keys are never shown.
 */
final class Mismatch {
  private Mismatch() {}

  /** {@code ssh_port: expected an integer, got "abc"}. */
  static String of(String path, ValueType expected, JsonNode got, boolean secret) {
    return path + ": expected " + expected.noun() + ", got " + describe(got, secret);
  }

  /** The same for a string after rendering. */
  static String ofText(String path, ValueType expected, String got, boolean secret) {
    return path
        + ": expected "
        + expected.noun()
        + ", got "
        + (secret ? "a string" : GoStrings.quoteShortened(got));
  }

  /** Packer's wording for a value outside a fixed set. */
  static String notOneOf(String path, String got, List<String> allowed, boolean secret) {
    return path
        + " ("
        + (secret ? "the value" : "'" + got + "'")
        + ") is invalid, valid values: "
        + String.join(", ", allowed);
  }

  /**
   * Packer's wording: {@code error decoding 'ssh_timeout': time: missing unit in duration "30"}.
   */
  static String badDuration(String path, String text, boolean secret) {
    String why;
    try {
      GoDuration.parse(text);
      why = "time: invalid duration";
    } catch (IllegalArgumentException e) {
      why = secret ? "time: invalid duration" : e.getMessage();
    }
    return "error decoding '" + path + "': " + why;
  }

  /** {@code count: 3000000000 is out of range (-2147483648 to 2147483647)}. */
  static String outOfRange(String path, BigInteger value, boolean wide) {
    return path
        + ": "
        + value
        + " is out of range ("
        + (wide ? Long.MIN_VALUE : Integer.MIN_VALUE)
        + " to "
        + (wide ? Long.MAX_VALUE : Integer.MAX_VALUE)
        + ")";
  }

  /**
   * A scalar as Go's weak decoding writes it as a string: numbers plainly, booleans as 1 or 0
   * (templates are not rendered here).
   */
  static String weakText(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "1" : "0";
    }
    return node.isNull() ? "" : node.stringValue();
  }

  static String describe(JsonNode node, boolean secret) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      return secret ? "a string" : GoStrings.quoteShortened(node.stringValue());
    }
    if (node.isNumber()) {
      return secret ? "a number" : node.numberValue().toString();
    }
    if (node.isBoolean()) {
      return secret ? "a boolean" : String.valueOf(node.booleanValue());
    }
    return node.isArray() ? "an array" : "an object";
  }
}
