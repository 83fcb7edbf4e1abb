package dev.imagebake.config;

import dev.imagebake.template.interpolate.TemplateException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds one JSON block to its record: renders template strings, applies Packer's weak conversions
 * and constructs the records. Reports every problem and constructs nothing once one was found. One
 * instance per block.
 */
final class ValueBinder {
  private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");
  private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final ValueRenderer renderer;
  private final List<Problem> problems = new ArrayList<>();

  ValueBinder(ValueRenderer renderer) {
    this.renderer = renderer;
  }

  List<Problem> problems() {
    return problems;
  }

  /**
   * @param skipKeys keys of {@code node} not to bind (already reported)
   * @return the record, or null when a problem was found
   */
  Record bindRecord(
      RecordModel model, ObjectNode node, String pointer, String path, Set<String> skipKeys) {
    List<RecordModel.Member> members = model.members();
    Object[] args = new Object[members.size()];
    for (int i = 0; i < args.length; i++) {
      RecordModel.Member member = members.get(i);
      if (member instanceof RecordModel.Inline inline) {
        args[i] = bindRecord(inline.model(), node, pointer, path, skipKeys);
      } else if (member instanceof RecordModel.Property p) {
        JsonNode value = skipKeys.contains(p.key()) ? null : node.get(p.key());
        args[i] =
            bindValue(
                p.valueType(),
                value,
                Pointers.append(pointer, p.key()),
                path.isEmpty() ? p.key() : path + "." + p.key(),
                p);
        if (args[i] == null && p.component().getType().isPrimitive()) {
          args[i] = zero(p.component().getType());
        }
      }
    }
    return problems.isEmpty() ? construct(model, args, pointer) : null;
  }

  private Object bindValue(
      ValueType type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (type instanceof ValueType.Text t) {
      return bindText(t, node, pointer, path, p);
    }
    if (type instanceof ValueType.Whole w) {
      return bindWhole(w, node, pointer, path, p);
    }
    if (type instanceof ValueType.Flag f) {
      return bindFlag(f, node, pointer, path, p);
    }
    if (type instanceof ValueType.Span s) {
      return bindSpan(s, node, pointer, path, p);
    }
    if (type instanceof ValueType.TextList l) {
      return bindTextList(l, node, pointer, path, p);
    }
    if (type instanceof ValueType.TextMap m) {
      return bindTextMap(m, node, pointer, path, p);
    }
    if (type instanceof ValueType.Nested n) {
      if (node instanceof ObjectNode object) {
        return bindRecord(n.model(), object, pointer, path, Set.of());
      }
      return mismatch(type, node, pointer, path, p);
    }
    if (type instanceof ValueType.NestedList n) {
      if (!node.isArray()) {
        return mismatch(type, node, pointer, path, p);
      }
      List<Record> records = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String elementPointer = Pointers.append(pointer, i);
        if (element instanceof ObjectNode object) {
          records.add(
              bindRecord(n.model(), object, elementPointer, path + "[" + i + "]", Set.of()));
        } else {
          mismatch(
              new ValueType.Nested(n.model()), element, elementPointer, path + "[" + i + "]", p);
        }
      }
      return Collections.unmodifiableList(records);
    }
    if (type instanceof ValueType.FreeForm f) {
      if (!f.anyJson() && !node.isObject()) {
        return mismatch(type, node, pointer, path, p);
      }
      JsonNode rendered = renderDeep(node, pointer, path, p);
      return f.anyJson() ? rendered : toJava(rendered);
    }
    throw new IllegalStateException("unhandled value type " + type);
  }

  private String bindText(
      ValueType.Text type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    String text = weakText(node, pointer, path, p);
    if (text == null) {
      if (!node.isString() && !node.isNumber() && !node.isBoolean()) {
        mismatch(type, node, pointer, path, p);
      }
      return null;
    }
    if (!type.oneOf().isEmpty() && !text.isEmpty() && !type.oneOf().contains(text)) {
      if (!(p.renderLater() && text.contains("{{"))) {
        problems.add(
            Problem.atValue(pointer, Mismatch.notOneOf(path, text, type.oneOf(), p.secret())));
        return null;
      }
    }
    return text;
  }

  /** A scalar as Go's weak decoding turns it into a string; null for non-scalars and errors. */
  private String weakText(JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isString()) {
      return render(node.stringValue(), pointer, path, p);
    }
    if (node.isNumber() || node.isBoolean()) {
      return Mismatch.weakText(node);
    }
    return null;
  }

  private Object bindWhole(
      ValueType.Whole type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    BigInteger value;
    if (node.isNumber()) {
      BigDecimal decimal = node.decimalValue().stripTrailingZeros();
      if (decimal.scale() > 0) {
        return mismatch(type, node, pointer, path, p);
      }
      value = decimal.toBigInteger();
    } else if (node.isString()) {
      String text = render(node.stringValue(), pointer, path, p);
      if (text == null || text.isEmpty()) {
        return null;
      }
      if (!DIGITS.matcher(text).matches()) {
        problems.add(Problem.atValue(pointer, Mismatch.ofText(path, type, text, p.secret())));
        return null;
      }
      value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    } else {
      return mismatch(type, node, pointer, path, p);
    }
    BigInteger min = type.wide() ? LONG_MIN : INT_MIN;
    BigInteger max = type.wide() ? LONG_MAX : INT_MAX;
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problems.add(
          Problem.atValue(
              pointer, path + ": " + value + " is out of range (" + min + " to " + max + ")"));
      return null;
    }
    return type.wide() ? (Object) value.longValue() : (Object) value.intValue();
  }

  private Boolean bindFlag(
      ValueType.Flag type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
      return node.decimalValue().signum() != 0;
    }
    if (node.isString()) {
      String text = render(node.stringValue(), pointer, path, p);
      if (text == null || text.isEmpty()) {
        return null;
      }
      if (TRUE.contains(text)) {
        return true;
      }
      if (FALSE.contains(text)) {
        return false;
      }
      problems.add(Problem.atValue(pointer, Mismatch.ofText(path, type, text, p.secret())));
      return null;
    }
    mismatch(type, node, pointer, path, p);
    return null;
  }

  private Duration bindSpan(
      ValueType.Span type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isNumber()) {
      BigDecimal decimal = node.decimalValue().stripTrailingZeros();
      if (decimal.scale() <= 0
          && decimal.toBigInteger().compareTo(LONG_MAX) <= 0
          && decimal.toBigInteger().compareTo(LONG_MIN) >= 0) {
        return Duration.ofNanos(decimal.longValue());
      }
    } else if (node.isString()) {
      String text = render(node.stringValue(), pointer, path, p);
      if (text == null) {
        return null;
      }
      try {
        return GoDuration.parse(text);
      } catch (IllegalArgumentException e) {
        problems.add(Problem.atValue(pointer, Mismatch.badDuration(path, text, p.secret())));
        return null;
      }
    }
    mismatch(type, node, pointer, path, p);
    return null;
  }

  private List<String> bindTextList(
      ValueType.TextList type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isString()) {
      String text = render(node.stringValue(), pointer, path, p);
      if (text == null) {
        return null;
      }
      return text.isEmpty() ? List.of() : List.of(text.split(",", -1));
    }
    if (!node.isArray()) {
      mismatch(type, node, pointer, path, p);
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      String elementPointer = Pointers.append(pointer, i);
      String elementPath = path + "[" + i + "]";
      if (element.isNull()) {
        values.add("");
        continue;
      }
      String text = weakText(element, elementPointer, elementPath, p);
      if (text == null && element.isContainer()) {
        mismatch(new ValueType.Text(List.of()), element, elementPointer, elementPath, p);
      }
      values.add(text == null ? "" : text);
    }
    return List.copyOf(values);
  }

  private Map<String, String> bindTextMap(
      ValueType.TextMap type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (!node.isObject()) {
      mismatch(type, node, pointer, path, p);
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String entryPointer = Pointers.append(pointer, entry.getKey());
      String entryPath = path + "." + entry.getKey();
      String key = render(entry.getKey(), entryPointer, entryPath, p);
      JsonNode element = entry.getValue();
      String text = element.isNull() ? "" : weakText(element, entryPointer, entryPath, p);
      if (text == null && element.isContainer()) {
        mismatch(new ValueType.Text(List.of()), element, entryPointer, entryPath, p);
      }
      values.put(key == null ? entry.getKey() : key, text == null ? "" : text);
    }
    return Collections.unmodifiableMap(values);
  }

  private JsonNode renderDeep(JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isString()) {
      String text = render(node.stringValue(), pointer, path, p);
      return JsonNodeFactory.instance.stringNode(text == null ? node.stringValue() : text);
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(renderDeep(node.get(i), Pointers.append(pointer, i), path + "[" + i + "]", p));
      }
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String entryPointer = Pointers.append(pointer, entry.getKey());
        String entryPath = path + "." + entry.getKey();
        String key = render(entry.getKey(), entryPointer, entryPath, p);
        copy.set(
            key == null ? entry.getKey() : key,
            renderDeep(entry.getValue(), entryPointer, entryPath, p));
      }
      return copy;
    }
    return node.deepCopy();
  }

  private static Object toJava(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
      return Collections.unmodifiableMap(map);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(e -> list.add(toJava(e)));
      return Collections.unmodifiableList(list);
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return null;
  }

  /** Renders or syntax-checks a template string; null (with a problem) when that fails. */
  private String render(String raw, String pointer, String path, RecordModel.Property p) {
    if (raw.indexOf("{{") < 0) {
      return raw;
    }
    try {
      if (p.renderLater()) {
        renderer.checkSyntax(raw);
        return raw;
      }
      return renderer.render(raw);
    } catch (TemplateException e) {
      problems.add(
          new Problem(
              dev.imagebake.diag.Severity.ERROR,
              pointer,
              false,
              e.offset(),
              "invalid '" + path + "': " + e.getMessage(),
              null));
      return null;
    }
  }

  private Object mismatch(
      ValueType type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    problems.add(Problem.atValue(pointer, Mismatch.of(path, type, node, p.secret())));
    return null;
  }

  private Record construct(RecordModel model, Object[] args, String pointer) {
    RecordComponent[] components = model.type().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      Constructor<? extends Record> constructor = model.type().getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      // The record's compact constructor rejected the values: its message is for the user.
      Throwable cause = e.getCause();
      problems.add(
          Problem.atValue(
              pointer, cause.getMessage() == null ? cause.toString() : cause.getMessage()));
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + model.type().getName(), e);
    }
  }

  private static Object zero(Class<?> primitive) {
    if (primitive == boolean.class) {
      return false;
    }
    if (primitive == long.class) {
      return 0L;
    }
    return 0;
  }
}
