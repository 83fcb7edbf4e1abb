package dev.imagebake.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Packer's fixers get from {@code mapstructure.Decode} and {@code WeakDecode} (v1.2.3) of the
 * template's sections, with its error messages, so a fixer here fails and rewrites where Packer's
 * does.
 */
final class GoDecode {
  private GoDecode() {}

  /**
   * {@code Decode(input, &struct{Builders []map[string]interface{}})}, then the fixers' {@code
   * input["builders"] = tpl.Builders}: the builders list (null when absent or null, which Packer
   * then writes back as null), each element a map or null (Go's nil map).
   */
  static List<Map<String, Object>> builders(Map<String, Object> input) throws FixException {
    List<Map<String, Object>> builders = decodeBuilders(input);
    input.put("builders", builders);
    return builders;
  }

  /** {@link #builders} without writing them back. */
  static List<Map<String, Object>> decodeBuilders(Map<String, Object> input) throws FixException {
    Object raw = field(input, "Builders");
    List<Map<String, Object>> builders = null;
    if (raw != null) {
      if (!(raw instanceof List<?> list)) {
        throw decoding("'Builders': source data must be an array or slice, got " + kind(raw));
      }
      List<String> errors = new ArrayList<>();
      builders = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object e = list.get(i);
        if (e == null || e instanceof Map<?, ?>) {
          builders.add(map(e));
        } else {
          errors.add("'Builders[" + i + "]' expected a map, got '" + kind(e) + "'");
          builders.add(null);
        }
      }
      if (!errors.isEmpty()) {
        throw decoding(errors);
      }
    }
    return builders;
  }

  /**
   * {@code Decode(input, &PP)}: the post-processors as a new list of the same elements; null when
   * absent or null.
   */
  static List<Object> postProcessors(Map<String, Object> input) throws FixException {
    Object raw = field(input, "post-processors");
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof List<?> list)) {
      throw decoding("'post-processors': source data must be an array or slice, got " + kind(raw));
    }
    return new ArrayList<>(list);
  }

  /**
   * Packer's {@code ppList}: the post-processor maps, those of sequences included, in order
   * (strings and anything else left out).
   */
  static List<Map<String, Object>> ppList(List<Object> pps) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object raw : pps) {
      if (raw instanceof Map<?, ?>) {
        out.add(map(raw));
      } else if (raw instanceof List<?> sequence) {
        for (Object inner : sequence) {
          if (inner instanceof Map<?, ?>) {
            out.add(map(inner));
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code WeakDecode(input, &struct{X []interface{}})}: a new list of the section's elements; a
   * non-empty object or a single value is lifted into a one-element list, an empty object or absent
   * section gives an empty list. The fixers write it back only when it is not empty.
   */
  static List<Object> weakList(Map<String, Object> input, String field) {
    Object raw = field(input, field);
    List<Object> out = new ArrayList<>();
    if (raw instanceof List<?> list) {
      out.addAll(list);
    } else if (raw instanceof Map<?, ?> m) {
      if (!m.isEmpty()) {
        out.add(raw);
      }
    } else if (raw != null) {
      out.add(raw);
    }
    return out;
  }

  /**
   * {@code Decode(raw, &map[string]interface{})} of one element: a copy of the map, an empty map
   * for null (Go's nil map reads as empty), or null when it is not a map (Packer skips it).
   */
  static Map<String, Object> copyOf(Object raw) {
    if (raw == null) {
      return new LinkedHashMap<>();
    }
    return raw instanceof Map<?, ?> ? new LinkedHashMap<>(map(raw)) : null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object raw) {
    return (Map<String, Object>) raw;
  }

  /** {@code v.(string)} that skips: the string, or null. */
  static String string(Object v) {
    return v instanceof String s ? s : null;
  }

  /**
   * The value of a struct field as mapstructure finds it: the exact key, else any key equal
   * ignoring case.
   */
  private static Object field(Map<String, Object> input, String name) {
    if (input.containsKey(name)) {
      return input.get(name);
    }
    for (Map.Entry<String, Object> e : input.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The reflect kind mapstructure names a JSON value by. */
  static String kind(Object v) {
    if (v instanceof Map<?, ?>) {
      return "map";
    }
    if (v instanceof List<?>) {
      return "slice";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    return v == null ? "invalid" : "float64";
  }

  private static FixException decoding(String error) {
    return decoding(List.of(error));
  }

  /** mapstructure's {@code Error}: its points sorted. */
  private static FixException decoding(List<String> errors) {
    List<String> points = new ArrayList<>();
    errors.forEach(e -> points.add("* " + e));
    points.sort(null);
    return new FixException(errors.size() + " error(s) decoding:\n\n" + String.join("\n", points));
  }
}
