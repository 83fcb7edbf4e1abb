package dev.imagebake.config;

import dev.imagebake.sdk.go.GoDuration;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Packer's weak decoding of scalar keys: strings from numbers and booleans, integers and booleans
 * from strings, durations from Go duration strings or nanoseconds. Template strings are rendered
 * first, so the rendered text is what gets converted.
 */
final class ScalarBinder {
  private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");
  private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final BindContext context;

  ScalarBinder(BindContext context) {
    this.context = context;
  }

  String bindText(
      ValueType.Text type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    String text = context.weakText(node, pointer, path, p);
    if (text == null) {
      if (!node.isString() && !node.isNumber() && !node.isBoolean()) {
        context.mismatch(type, node, pointer, path, p);
      }
      return null;
    }
    if (!type.oneOf().isEmpty() && !text.isEmpty() && !type.oneOf().contains(text)) {
      if (!(p.renderLater() && text.contains("{{"))) {
        context.report(
            Problem.atValue(pointer, Mismatch.notOneOf(path, text, type.oneOf(), p.secret())));
        return null;
      }
    }
    return text;
  }

  Object bindWhole(
      ValueType.Whole type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    BigInteger value;
    if (node.isNumber()) {
      BigDecimal decimal = node.decimalValue().stripTrailingZeros();
      if (decimal.scale() > 0) {
        return context.mismatch(type, node, pointer, path, p);
      }
      value = decimal.toBigInteger();
    } else if (node.isString()) {
      String text = context.render(node.stringValue(), pointer, path, p);
      if (text == null || text.isEmpty()) {
        return null;
      }
      if (!DIGITS.matcher(text).matches()) {
        context.report(Problem.atValue(pointer, Mismatch.ofText(path, type, text, p.secret())));
        return null;
      }
      value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    } else {
      return context.mismatch(type, node, pointer, path, p);
    }
    BigInteger min = type.wide() ? LONG_MIN : INT_MIN;
    BigInteger max = type.wide() ? LONG_MAX : INT_MAX;
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      context.report(
          Problem.atValue(
              pointer, path + ": " + value + " is out of range (" + min + " to " + max + ")"));
      return null;
    }
    return type.wide() ? (Object) value.longValue() : (Object) value.intValue();
  }

  Boolean bindFlag(
      ValueType.Flag type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
      return node.decimalValue().signum() != 0;
    }
    if (node.isString()) {
      String text = context.render(node.stringValue(), pointer, path, p);
      if (text == null || text.isEmpty()) {
        return null;
      }
      if (TRUE.contains(text)) {
        return true;
      }
      if (FALSE.contains(text)) {
        return false;
      }
      context.report(Problem.atValue(pointer, Mismatch.ofText(path, type, text, p.secret())));
      return null;
    }
    context.mismatch(type, node, pointer, path, p);
    return null;
  }

  Duration bindSpan(
      ValueType.Span type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isNumber()) {
      BigDecimal decimal = node.decimalValue().stripTrailingZeros();
      if (decimal.scale() <= 0
          && decimal.toBigInteger().compareTo(LONG_MAX) <= 0
          && decimal.toBigInteger().compareTo(LONG_MIN) >= 0) {
        return Duration.ofNanos(decimal.longValue());
      }
    } else if (node.isString()) {
      String text = context.render(node.stringValue(), pointer, path, p);
      if (text == null) {
        return null;
      }
      try {
        return GoDuration.parse(text);
      } catch (IllegalArgumentException e) {
        context.report(Problem.atValue(pointer, Mismatch.badDuration(path, text, p.secret())));
        return null;
      }
    }
    context.mismatch(type, node, pointer, path, p);
    return null;
  }
}
