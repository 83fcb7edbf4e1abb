package dev.imagebake.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON document the way Go's {@code json.NewDecoder(r).Decode(&map[string]interface{})}
 * does (what {@code packer fix} reads a template with): the first value only (what follows it is
 * not read), objects as maps (a repeated key keeps its last value), numbers as {@code double}, and
 * Go's error messages ({@code unexpected EOF}, {@code invalid character ...}).
 *
 * <p>Values are plain Java: {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link
 * Boolean}, {@link Double} and null.
 */
public final class GoJsonDecoder {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /**
   * The decoded top-level object, or the error Go reports.
   *
   * @param value the object; null when {@code error} is set
   * @param error Go's message, e.g. {@code unexpected EOF}; null on success
   */
  public record Decoded(Map<String, Object> value, String error) {}

  private GoJsonDecoder() {}

  /** Decodes the first JSON value of {@code bytes} into a map, as Packer's fix does. */
  public static Decoded decodeObject(byte[] bytes) {
    byte[] first = bytes;
    GoJsonSyntax.Error syntax = GoJsonSyntax.firstError(bytes);
    if (syntax != null) {
      if (syntax.message().endsWith("after top-level value")) {
        // A decoder stops after the first value: what follows is never read.
        first = java.util.Arrays.copyOf(bytes, syntax.offset());
      } else if (syntax.message().equals("unexpected end of JSON input")) {
        return new Decoded(null, blank(bytes) ? "EOF" : "unexpected EOF");
      } else {
        return new Decoded(null, syntax.message());
      }
    }
    Object value;
    try {
      value = read(new String(first, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      return new Decoded(null, String.valueOf(e.getOriginalMessage()));
    } catch (OutOfRange e) {
      return new Decoded(
          null,
          "json: cannot unmarshal number " + e.getMessage() + " into Go value of type float64");
    }
    if (value instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      return new Decoded(map, null);
    }
    if (value == null) {
      // Go leaves the map nil; Packer's fixers then crash on it.
      return new Decoded(null, "json: the template is null, not an object");
    }
    String kind =
        value instanceof List<?>
            ? "array"
            : value instanceof String ? "string" : value instanceof Boolean ? "bool" : "number";
    return new Decoded(
        null, "json: cannot unmarshal " + kind + " into Go value of type map[string]interface {}");
  }

  private static boolean blank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** A number Go cannot hold in a float64. */
  private static final class OutOfRange extends RuntimeException {
    OutOfRange(String number) {
      super(number, null, false, false);
    }
  }

  /** Iterative, so depth costs no stack. */
  private static Object read(String text) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      ArrayDeque<Object> stack = new ArrayDeque<>();
      ArrayDeque<String> keys = new ArrayDeque<>();
      String key = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        Object value;
        switch (t) {
          case PROPERTY_NAME -> {
            key = goString(p.currentName());
            continue;
          }
          case START_OBJECT -> {
            stack.push(new LinkedHashMap<String, Object>());
            keys.push(key == null ? "" : key);
            key = null;
            continue;
          }
          case START_ARRAY -> {
            stack.push(new ArrayList<Object>());
            keys.push(key == null ? "" : key);
            key = null;
            continue;
          }
          case END_OBJECT, END_ARRAY -> {
            value = stack.pop();
            key = keys.pop();
          }
          case VALUE_STRING -> value = goString(p.getString());
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            double d = Double.parseDouble(p.getString());
            if (Double.isInfinite(d)) {
              throw new OutOfRange(p.getString());
            }
            value = d;
          }
          case VALUE_TRUE -> value = Boolean.TRUE;
          case VALUE_FALSE -> value = Boolean.FALSE;
          case VALUE_NULL -> value = null;
          default -> throw new IllegalStateException("unexpected JSON token " + t);
        }
        Object parent = stack.peek();
        if (parent == null) {
          return value;
        }
        add(parent, key, value);
        key = null;
      }
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static void add(Object parent, String key, Object value) {
    if (parent instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(key, value);
    } else {
      ((List<Object>) parent).add(value);
    }
  }

  /** Go decodes an unpaired surrogate escape ({@code \ud800}) as U+FFFD. */
  private static String goString(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1))
              || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
      if (Character.isSurrogate(c) && !paired) {
        if (out == null) {
          out = new StringBuilder(s.substring(0, i));
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
