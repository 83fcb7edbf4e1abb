package dev.imagebake.builder.digitalocean;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON request and answer bodies of HTTP APIs as trees, on Jackson's streaming parser and generator
 * alone.
 *
 * <p>Why not a {@code JsonMapper}: building one sets up Jackson's whole databind configuration
 * (java.time handlers, date formats, locale and time-zone data), ~0.3 s of a cold JVM on the
 * development machines, which this builder paid before its first API call. The trees are the same
 * {@link JsonNode}s a mapper's {@code readTree} gives.
 */
final class DoJsonBodies {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DoJsonBodies() {}

  /**
   * The tree of one JSON value.
   *
   * @throws JacksonException when {@code text} is not one JSON value (empty, malformed, or followed
   *     by more than white space)
   */
  static JsonNode parse(String text) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new StreamReadException(p, "no JSON value");
      }
      JsonNode root = node(p, t);
      ArrayDeque<JsonNode> open = new ArrayDeque<>();
      String name = null;
      if (root.isContainer()) {
        open.push(root);
      }
      while (!open.isEmpty()) {
        t = p.nextToken();
        if (t == null) {
          throw new StreamReadException(p, "unexpected end of JSON");
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          open.pop();
          continue;
        }
        if (t == JsonToken.PROPERTY_NAME) {
          name = p.currentName();
          continue;
        }
        JsonNode value = node(p, t);
        if (open.peek() instanceof ObjectNode object) {
          object.set(name, value);
        } else {
          ((ArrayNode) open.peek()).add(value);
        }
        if (value.isContainer()) {
          open.push(value);
        }
      }
      if (p.nextToken() != null) {
        throw new StreamReadException(p, "trailing content after the JSON value");
      }
      return root;
    }
  }

  private static JsonNode node(JsonParser p, JsonToken t) {
    return switch (t) {
      case START_OBJECT -> NODES.objectNode();
      case START_ARRAY -> NODES.arrayNode();
      case VALUE_STRING -> NODES.stringNode(p.getString());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      default -> throw new StreamReadException(p, "unexpected token " + t);
    };
  }

  /**
   * {@code value} as compact JSON: maps (keys as strings, in their order), iterables, arrays of
   * objects, strings, numbers, booleans, enums (by name), {@link JsonNode}s and null.
   *
   * @throws IllegalArgumentException for any other type
   */
  static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, value);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object value) {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof JsonNode node) {
      writeNode(g, node);
    } else if (value instanceof CharSequence s) {
      g.writeString(s.toString());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Float f) {
      g.writeNumber(f);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Enum<?> e) {
      g.writeString(e.name());
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      g.writeStartArray();
      for (Object item : items) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Object[] items) {
      g.writeStartArray();
      for (Object item : items) {
        write(g, item);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException(
          "no JSON form for a " + value.getClass().getName() + " in a request body");
    }
  }

  private static void writeNode(JsonGenerator g, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          g.writeName(e.getKey());
          writeNode(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode item : node) {
          writeNode(g, item);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.stringValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          g.writeNumber(node.bigIntegerValue());
        } else if (node.isBigDecimal()) {
          g.writeNumber(node.decimalValue());
        } else {
          g.writeNumber(node.doubleValue());
        }
      }
      case NULL, MISSING -> g.writeNull();
      default ->
          throw new IllegalArgumentException("no JSON form for a " + node.getNodeType() + " node");
    }
  }
}
