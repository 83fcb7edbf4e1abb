package dev.imagebake.config;

import dev.imagebake.sdk.go.GoDuration;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates a plugin's JSON Schema (draft 2020-12) from its config record: one property per key,
 * descriptions from {@code @Doc}, enums from {@code @OneOf}, no other keys allowed, and Packer's
 * weak typing exactly as {@link ConfigBinder} accepts it:
 *
 * <ul>
 *   <li>integers: integers in the Java type's range, or strings of digits ("" means unset; a string
 *       out of range is only caught by the binder);
 *   <li>booleans: booleans, integers (non-zero is true), or Go {@code ParseBool} strings;
 *   <li>strings: strings, numbers and booleans;
 *   <li>lists of strings: arrays, or one string that is split on commas;
 *   <li>durations: Go duration strings ({@code 1h30m}), or a number of nanoseconds;
 *   <li>any string containing <code>{{</code> for any scalar: it is rendered before binding;
 *   <li>{@code null} for any key: the key is unset.
 * </ul>
 */
public final class SchemaGenerator {
  /** The JSON Schema dialect of every generated schema. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  static final String TEMPLATE_PATTERN = "\\{\\{";
  static final String INTEGER_PATTERN = "^([+-]?[0-9]+)?$|" + TEMPLATE_PATTERN;
  static final String INTEGER_LIST_PATTERN = "^([+-]?[0-9]+(,[+-]?[0-9]+)*)?$|" + TEMPLATE_PATTERN;
  static final String BOOLEAN_PATTERN =
      "^(1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)?$|" + TEMPLATE_PATTERN;
  static final String DURATION_PATTERN = GoDuration.PATTERN + "|" + TEMPLATE_PATTERN;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SchemaGenerator() {}

  /**
   * The schema of one config record, as a new node the caller may change.
   *
   * @throws IllegalArgumentException when the record uses a component type the binder does not
   *     support
   */
  public static ObjectNode generate(Class<? extends Record> configType) {
    return generate(RecordModel.of(configType));
  }

  static ObjectNode generate(RecordModel model) {
    ObjectNode schema = JSON.objectNode();
    schema.put("$schema", DIALECT);
    schema.put("title", model.type().getSimpleName());
    schema.setAll(objectSchema(model, false));
    return schema;
  }

  /** A closed object with the model's keys; {@code nullable} lets JSON null stand for unset. */
  static ObjectNode objectSchema(RecordModel model, boolean nullable) {
    ObjectNode schema = JSON.objectNode();
    if (model.doc() != null) {
      schema.put("description", model.doc());
    }
    if (nullable) {
      types(schema, "object", "null");
    } else {
      schema.put("type", "object");
    }
    ObjectNode properties = schema.putObject("properties");
    for (RecordModel.Property p : model.properties()) {
      ObjectNode property = valueSchema(p.valueType());
      ObjectNode described = JSON.objectNode();
      if (p.doc() != null) {
        described.put("description", p.doc());
      }
      if (p.secret()) {
        described.put("writeOnly", true);
      }
      described.setAll(property);
      properties.set(p.key(), described);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  static ObjectNode valueSchema(ValueType type) {
    ObjectNode s = JSON.objectNode();
    if (type instanceof ValueType.Text t) {
      if (t.oneOf().isEmpty()) {
        types(s, "string", "number", "boolean", "null");
      } else {
        types(s, "string", "null");
        ArrayNode anyOf = s.putArray("anyOf");
        ArrayNode values = anyOf.addObject().putArray("enum");
        t.oneOf().forEach(values::add);
        anyOf.addObject().put("pattern", "^$|" + TEMPLATE_PATTERN);
      }
    } else if (type instanceof ValueType.Whole w) {
      types(s, "integer", "string", "null");
      s.put("pattern", INTEGER_PATTERN);
      s.put("minimum", w.wide() ? Long.MIN_VALUE : Integer.MIN_VALUE);
      s.put("maximum", w.wide() ? Long.MAX_VALUE : Integer.MAX_VALUE);
    } else if (type instanceof ValueType.Flag) {
      types(s, "boolean", "integer", "string", "null");
      s.put("pattern", BOOLEAN_PATTERN);
    } else if (type instanceof ValueType.Span) {
      types(s, "integer", "string", "null");
      s.put("pattern", DURATION_PATTERN);
    } else if (type instanceof ValueType.TextList) {
      types(s, "array", "string", "null");
      s.set("items", valueSchema(new ValueType.Text(java.util.List.of())));
    } else if (type instanceof ValueType.WholeList) {
      types(s, "array", "integer", "string", "null");
      s.put("pattern", INTEGER_LIST_PATTERN);
      s.set("items", valueSchema(new ValueType.Whole(false, false)));
    } else if (type instanceof ValueType.TextMap) {
      types(s, "object", "null");
      s.set("additionalProperties", valueSchema(new ValueType.Text(java.util.List.of())));
    } else if (type instanceof ValueType.Nested n) {
      s.setAll(objectSchema(n.model(), true));
    } else if (type instanceof ValueType.NestedList n) {
      types(s, "array", "null");
      s.set("items", objectSchema(n.model(), false));
    } else if (type instanceof ValueType.FreeForm f && !f.anyJson()) {
      types(s, "object", "null");
    }
    // FreeForm(anyJson): the empty schema accepts anything.
    return s;
  }

  private static void types(ObjectNode schema, String... names) {
    ArrayNode types = schema.putArray("type");
    for (String name : names) {
      types.add(name);
    }
  }
}
