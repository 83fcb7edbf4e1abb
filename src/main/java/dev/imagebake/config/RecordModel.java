package dev.imagebake.config;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a config record looks like as JSON: its keys (components in snake_case, embedded records
 * flattened in), their value types and annotations. Built once per record type by reflection (the
 * annotations from {@link ConfigAnnotations}).
 *
 * @param type the record class
 * @param members the record's components in declaration order
 * @param deprecatedKeys old key → replacement, from this record and its embedded records
 */
record RecordModel(
    Class<? extends Record> type, List<Member> members, Map<String, String> deprecatedKeys) {

  /** One record component. */
  sealed interface Member {
    RecordComponent component();
  }

  /** A component that is one JSON key. */
  record Property(
      String key,
      RecordComponent component,
      ValueType valueType,
      String doc,
      boolean secret,
      boolean renderLater)
      implements Member {}

  /** An {@link Embedded} component: its keys sit in the enclosing object. */
  record Inline(RecordComponent component, RecordModel model) implements Member {}

  RecordModel {
    members = List.copyOf(members);
    deprecatedKeys = Collections.unmodifiableMap(new LinkedHashMap<>(deprecatedKeys));
  }

  /**
   * @throws IllegalArgumentException when a component has a type the binder does not support, or
   *     two flattened components share a key
   */
  static RecordModel of(Class<? extends Record> type) {
    return of(type, new HashSet<>());
  }

  private static RecordModel of(Class<? extends Record> type, Set<Class<?>> enclosing) {
    if (!enclosing.add(type)) {
      throw new IllegalArgumentException("config record " + type.getName() + " contains itself");
    }
    ConfigAnnotations annotations = ConfigAnnotations.of(type);
    List<Member> members = new ArrayList<>();
    Map<String, String> deprecated = new LinkedHashMap<>(annotations.deprecatedKeys());
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      ConfigAnnotations.ComponentAnnotations a = annotations.components().get(i);
      if (a.embedded()) {
        RecordModel inner = of(recordClass(c.getType(), c), enclosing);
        members.add(new Inline(c, inner));
        deprecated.putAll(inner.deprecatedKeys());
      } else {
        ValueType valueType = valueType(c, a.oneOf(), enclosing);
        if (a.renderLater() && !holdsOnlyStrings(valueType)) {
          // A raw template cannot be bound to a number, a boolean or a duration.
          throw new IllegalArgumentException(
              "@RenderLater component "
                  + type.getSimpleName()
                  + "."
                  + c.getName()
                  + " must hold strings");
        }
        members.add(
            new Property(
                SnakeCase.of(c.getName()), c, valueType, a.doc(), a.secret(), a.renderLater()));
      }
    }
    enclosing.remove(type);
    RecordModel model = new RecordModel(type, members, deprecated);
    Set<String> seen = new HashSet<>();
    for (Property p : model.properties()) {
      if (!seen.add(p.key())) {
        throw new IllegalArgumentException(
            "config record " + type.getName() + " has the key '" + p.key() + "' twice");
      }
    }
    return model;
  }

  /** Every key of the JSON object, embedded records flattened, in declaration order. */
  List<Property> properties() {
    List<Property> all = new ArrayList<>();
    for (Member m : members) {
      if (m instanceof Property p) {
        all.add(p);
      } else if (m instanceof Inline i) {
        all.addAll(i.model().properties());
      }
    }
    return all;
  }

  Optional<Property> property(String key) {
    return properties().stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /** The record's own description from {@link Doc} on the type, or null. */
  String doc() {
    return ConfigAnnotations.of(type).doc();
  }

  private static boolean holdsOnlyStrings(ValueType type) {
    return type instanceof ValueType.Text
        || type instanceof ValueType.TextList
        || type instanceof ValueType.TextMap
        || type instanceof ValueType.FreeForm;
  }

  private static ValueType valueType(
      RecordComponent c, List<String> oneOf, Set<Class<?>> enclosing) {
    Class<?> raw = c.getType();
    Type generic = c.getGenericType();
    if (raw == String.class) {
      return new ValueType.Text(oneOf);
    }
    if (raw == Integer.class || raw == int.class) {
      return new ValueType.Whole(false, raw.isPrimitive());
    }
    if (raw == Long.class || raw == long.class) {
      return new ValueType.Whole(true, raw.isPrimitive());
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return new ValueType.Flag(raw.isPrimitive());
    }
    if (raw == Duration.class) {
      return new ValueType.Span();
    }
    if (JsonNode.class.isAssignableFrom(raw) && raw.isAssignableFrom(JsonNode.class)) {
      return new ValueType.FreeForm(true);
    }
    if (raw.isRecord()) {
      return new ValueType.Nested(of(recordClass(raw, c), enclosing));
    }
    if (raw == List.class && generic instanceof ParameterizedType p) {
      Type element = p.getActualTypeArguments()[0];
      if (element == String.class) {
        return new ValueType.TextList();
      }
      if (element == Integer.class) {
        return new ValueType.WholeList();
      }
      if (element instanceof Class<?> k && k.isRecord()) {
        return new ValueType.NestedList(of(recordClass(k, c), enclosing));
      }
    }
    if (raw == Map.class && generic instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      if (args[0] == String.class && args[1] == String.class) {
        return new ValueType.TextMap();
      }
      if (args[0] == String.class && args[1] == Object.class) {
        return new ValueType.FreeForm(false);
      }
    }
    throw new IllegalArgumentException(
        "config component "
            + c.getDeclaringRecord().getSimpleName()
            + "."
            + c.getName()
            + " has unsupported type "
            + generic.getTypeName());
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Record> recordClass(Class<?> raw, RecordComponent c) {
    if (!raw.isRecord()) {
      throw new IllegalArgumentException(
          "@Embedded component "
              + c.getDeclaringRecord().getSimpleName()
              + "."
              + c.getName()
              + " must be a record");
    }
    return (Class<? extends Record>) raw;
  }
}
