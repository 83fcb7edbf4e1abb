package dev.imagebake.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds one JSON block to its record: renders template strings, applies Packer's weak conversions
 * and constructs the records. Reports every problem; a nested record with a problem is not
 * constructed, the block's own record is, with the keys that have problems left out. One instance
 * per block.
 */
final class ValueBinder {
  private final BindContext context;
  private final ScalarBinder scalars;
  private final Set<String> failedKeys = new LinkedHashSet<>();

  ValueBinder(ValueRenderer renderer) {
    this.context = new BindContext(renderer);
    this.scalars = new ScalarBinder(context);
  }

  List<Problem> problems() {
    return context.problems();
  }

  /**
   * Binds a block's top-level record <em>partially</em>: a key whose value has a problem (or is in
   * {@code skipKeys}) is bound as if it were absent, so the plugin's rules can still check the
   * other keys. The keys bound that way are {@link #failedKeys()}.
   *
   * @param skipKeys keys of {@code node} not to bind (already reported)
   * @return the record, or null when its construction failed
   */
  Record bindBlock(RecordModel model, ObjectNode node, Set<String> skipKeys) {
    return bindRecord(model, node, "", "", skipKeys, true);
  }

  /** The block's keys that were bound as absent because their values have problems. */
  Set<String> failedKeys() {
    return Collections.unmodifiableSet(failedKeys);
  }

  /**
   * @param partial construct the record even when some keys failed (those as absent); otherwise
   *     return null once a problem was found
   */
  private Record bindRecord(
      RecordModel model,
      ObjectNode node,
      String pointer,
      String path,
      Set<String> skipKeys,
      boolean partial) {
    int problemsBefore = context.problems().size();
    List<RecordModel.Member> members = model.members();
    Object[] args = new Object[members.size()];
    for (int i = 0; i < args.length; i++) {
      RecordModel.Member member = members.get(i);
      if (member instanceof RecordModel.Inline inline) {
        args[i] = bindRecord(inline.model(), node, pointer, path, skipKeys, partial);
      } else if (member instanceof RecordModel.Property p) {
        boolean skipped = skipKeys.contains(p.key());
        int before = context.problems().size();
        args[i] =
            bindValue(
                p.valueType(),
                skipped ? null : node.get(p.key()),
                Pointers.append(pointer, p.key()),
                path.isEmpty() ? p.key() : path + "." + p.key(),
                p);
        if (skipped || context.problems().size() > before) {
          // Whatever part of the value did bind is not what the user meant: leave it all out.
          args[i] = null;
          if (partial) {
            failedKeys.add(p.key());
          }
        }
        if (args[i] == null && p.component().getType().isPrimitive()) {
          args[i] = zero(p.component().getType());
        }
      }
    }
    boolean complete = context.problems().size() == problemsBefore;
    if (!complete && !partial) {
      return null;
    }
    return construct(model, args, pointer, complete);
  }

  private Object bindValue(
      ValueType type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (type instanceof ValueType.Text t) {
      return scalars.bindText(t, node, pointer, path, p);
    }
    if (type instanceof ValueType.Whole w) {
      return scalars.bindWhole(w, node, pointer, path, p);
    }
    if (type instanceof ValueType.Flag f) {
      return scalars.bindFlag(f, node, pointer, path, p);
    }
    if (type instanceof ValueType.Span s) {
      return scalars.bindSpan(s, node, pointer, path, p);
    }
    if (type instanceof ValueType.TextList l) {
      return bindTextList(l, node, pointer, path, p);
    }
    if (type instanceof ValueType.WholeList) {
      return bindWholeList(node, pointer, path, p);
    }
    if (type instanceof ValueType.TextMap m) {
      return bindTextMap(m, node, pointer, path, p);
    }
    if (type instanceof ValueType.Nested n) {
      if (node instanceof ObjectNode object) {
        return bindRecord(n.model(), object, pointer, path, Set.of(), false);
      }
      return context.mismatch(type, node, pointer, path, p);
    }
    if (type instanceof ValueType.NestedList n) {
      if (!node.isArray()) {
        return context.mismatch(type, node, pointer, path, p);
      }
      List<Record> records = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String elementPointer = Pointers.append(pointer, i);
        if (element instanceof ObjectNode object) {
          records.add(
              bindRecord(n.model(), object, elementPointer, path + "[" + i + "]", Set.of(), false));
        } else {
          context.mismatch(
              new ValueType.Nested(n.model()), element, elementPointer, path + "[" + i + "]", p);
        }
      }
      return Collections.unmodifiableList(records);
    }
    if (type instanceof ValueType.FreeForm f) {
      if (!f.anyJson() && !node.isObject()) {
        return context.mismatch(type, node, pointer, path, p);
      }
      JsonNode rendered = renderDeep(node, pointer, path, p);
      return f.anyJson() ? rendered : toJava(rendered);
    }
    throw new IllegalStateException("unhandled value type " + type);
  }

  private List<String> bindTextList(
      ValueType.TextList type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isString()) {
      String text = context.render(node.stringValue(), pointer, path, p);
      if (text == null) {
        return null;
      }
      return text.isEmpty() ? List.of() : List.of(text.split(",", -1));
    }
    if (!node.isArray()) {
      context.mismatch(type, node, pointer, path, p);
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
      String text = context.weakText(element, elementPointer, elementPath, p);
      if (text == null && element.isContainer()) {
        context.mismatch(new ValueType.Text(List.of()), element, elementPointer, elementPath, p);
      }
      values.add(text == null ? "" : text);
    }
    return List.copyOf(values);
  }

  private List<Integer> bindWholeList(
      JsonNode node, String pointer, String path, RecordModel.Property p) {
    ValueType.Whole element = new ValueType.Whole(false, false);
    List<JsonNode> elements = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(elements::add);
    } else if (node.isString()) {
      String text = context.render(node.stringValue(), pointer, path, p);
      if (text == null) {
        return null;
      }
      for (String part : text.isEmpty() ? new String[0] : text.split(",", -1)) {
        elements.add(JsonNodeFactory.instance.stringNode(part.trim()));
      }
    } else {
      elements.add(node);
    }
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      String at = node.isArray() ? Pointers.append(pointer, i) : pointer;
      Object value = scalars.bindWhole(element, elements.get(i), at, path + "[" + i + "]", p);
      if (value instanceof Integer n) {
        values.add(n);
      }
    }
    return List.copyOf(values);
  }

  private Map<String, String> bindTextMap(
      ValueType.TextMap type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (!node.isObject()) {
      context.mismatch(type, node, pointer, path, p);
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String entryPointer = Pointers.append(pointer, entry.getKey());
      String entryPath = path + "." + entry.getKey();
      String key = context.render(entry.getKey(), entryPointer, entryPath, p);
      JsonNode element = entry.getValue();
      String text = element.isNull() ? "" : context.weakText(element, entryPointer, entryPath, p);
      if (text == null && element.isContainer()) {
        context.mismatch(new ValueType.Text(List.of()), element, entryPointer, entryPath, p);
      }
      values.put(key == null ? entry.getKey() : key, text == null ? "" : text);
    }
    return Collections.unmodifiableMap(values);
  }

  private JsonNode renderDeep(JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isString()) {
      String text = context.render(node.stringValue(), pointer, path, p);
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
        String key = context.render(entry.getKey(), entryPointer, entryPath, p);
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

  /**
   * @param complete every value bound; when not, a rejection by the record's constructor is blamed
   *     on the values left out, which are already reported, and not reported again
   */
  private Record construct(RecordModel model, Object[] args, String pointer, boolean complete) {
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
      if (!complete) {
        return null;
      }
      // The record's compact constructor rejected the values: its message is for the user.
      Throwable cause = e.getCause();
      context.report(
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
