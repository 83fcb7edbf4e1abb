package dev.imagebake.config;

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
        + (secret ? "a string" : GoQuote.of(got));
  }

  /** Packer's wording for a value outside a fixed set. */
  static String notOneOf(String path, String got, List<String> allowed, boolean secret) {
    return path
        + " ("
        + (secret ? "the value" : "'" + got + "'")
        + ") is invalid, valid values: "
        + String.join(", ", allowed);
  }

  static String describe(JsonNode node, boolean secret) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      return secret ? "a string" : GoQuote.of(node.stringValue());
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
