package dev.imagebake.template.interpolate;

import static dev.imagebake.template.interpolate.FunctionSpec.ParamType.ANY;
import static dev.imagebake.template.interpolate.FunctionSpec.ParamType.STRING;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Go text/template's predefined functions that Packer templates use. */
final class GoBuiltins {
  private GoBuiltins() {}

  private enum Kind {
    BOOL,
    INT,
    FLOAT,
    STRING,
    INVALID
  }

  /**
   * The builtin called {@code name}, or null. A switch rather than a table, so that only the
   * functions a template calls link their lambdas (each is a bootstrap call at start-up).
   */
  static FunctionSpec lookup(String name) {
    return switch (name) {
      case "printf" ->
          FunctionSpec.variadic(
              name,
              ANY,
              (a, c) -> GoPrintf.sprintf((String) a.get(0), a.subList(1, a.size())),
              STRING);
      case "print" -> FunctionSpec.variadic(name, ANY, (a, c) -> GoValues.sprint(a));
      case "println" -> FunctionSpec.variadic(name, ANY, (a, c) -> println(a));
      case "html" -> FunctionSpec.variadic(name, ANY, (a, c) -> GoEscapers.html(a));
      case "js" -> FunctionSpec.variadic(name, ANY, (a, c) -> GoEscapers.js(a));
      case "urlquery" -> FunctionSpec.variadic(name, ANY, (a, c) -> GoEscapers.urlquery(a));
      case "len" -> FunctionSpec.of(name, (a, c) -> length(a.get(0)), ANY);
      case "index" -> FunctionSpec.variadic(name, ANY, (a, c) -> index(a), ANY);
      case "and" -> FunctionSpec.variadic(name, ANY, (a, c) -> and(a), ANY);
      case "or" -> FunctionSpec.variadic(name, ANY, (a, c) -> or(a), ANY);
      case "not" -> FunctionSpec.of(name, (a, c) -> !GoValues.truth(a.get(0)), ANY);
      case "eq" -> FunctionSpec.variadic(name, ANY, (a, c) -> eq(a), ANY);
      case "ne" -> FunctionSpec.of(name, (a, c) -> !equal(a.get(0), a.get(1)), ANY, ANY);
      case "lt" -> FunctionSpec.of(name, (a, c) -> compare(a.get(0), a.get(1)) < 0, ANY, ANY);
      case "le" -> FunctionSpec.of(name, (a, c) -> compare(a.get(0), a.get(1)) <= 0, ANY, ANY);
      case "gt" -> FunctionSpec.of(name, (a, c) -> compare(a.get(0), a.get(1)) > 0, ANY, ANY);
      case "ge" -> FunctionSpec.of(name, (a, c) -> compare(a.get(0), a.get(1)) >= 0, ANY, ANY);
      default -> null;
    };
  }

  private static String println(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(GoValues.format(args.get(i)));
    }
    return out.append('\n').toString();
  }

  private static Object length(Object value) throws FunctionFailure {
    if (value instanceof String s) {
      return (long) s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (value instanceof Collection<?> c) {
      return (long) c.size();
    }
    if (value instanceof Map<?, ?> m) {
      return (long) m.size();
    }
    if (value != null && value.getClass().isArray()) {
      return (long) Array.getLength(value);
    }
    throw new FunctionFailure("len of type " + GoValues.typeName(value));
  }

  private static Object index(List<Object> args) throws FunctionFailure {
    Object item = args.get(0);
    if (item == null) {
      throw new FunctionFailure("index of untyped nil");
    }
    for (Object key : args.subList(1, args.size())) {
      if (item instanceof Map<?, ?> map) {
        if (key == null) {
          throw new FunctionFailure("value is nil; should be of type string");
        }
        item = map.get(key instanceof String ? key : String.valueOf(key));
        continue;
      }
      if (!GoValues.isInteger(key)) {
        throw new FunctionFailure("cannot index slice/array with type " + GoValues.typeName(key));
      }
      long i = ((Number) key).longValue();
      if (item instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        checkRange(i, bytes.length);
        item = (long) (bytes[(int) i] & 0xff);
      } else if (item instanceof List<?> list) {
        checkRange(i, list.size());
        item = list.get((int) i);
      } else {
        throw new FunctionFailure("can't index item of type " + GoValues.typeName(item));
      }
    }
    return item;
  }

  private static void checkRange(long index, int size) throws FunctionFailure {
    if (index < 0 || index >= size) {
      throw new FunctionFailure("index out of range: " + index);
    }
  }

  private static Object and(List<Object> args) {
    for (Object arg : args) {
      if (!GoValues.truth(arg)) {
        return arg;
      }
    }
    return args.get(args.size() - 1);
  }

  private static Object or(List<Object> args) {
    for (Object arg : args) {
      if (GoValues.truth(arg)) {
        return arg;
      }
    }
    return args.get(args.size() - 1);
  }

  private static boolean eq(List<Object> args) throws FunctionFailure {
    if (args.size() < 2) {
      throw new FunctionFailure("missing argument for comparison");
    }
    for (Object other : args.subList(1, args.size())) {
      if (equal(args.get(0), other)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equal(Object a, Object b) throws FunctionFailure {
    if (a == null || b == null) {
      // Go compares missing values without error: only two missing values are equal.
      return a == b;
    }
    Kind kind = sameKind(a, b);
    return switch (kind) {
      case INT -> ((Number) a).longValue() == ((Number) b).longValue();
      case FLOAT -> ((Number) a).doubleValue() == ((Number) b).doubleValue();
      default -> a.equals(b);
    };
  }

  private static int compare(Object a, Object b) throws FunctionFailure {
    Kind kind = sameKind(a, b);
    return switch (kind) {
      case INT -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
      case FLOAT -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
      case STRING -> ((String) a).compareTo((String) b);
      default -> throw new FunctionFailure("invalid type for comparison");
    };
  }

  private static Kind sameKind(Object a, Object b) throws FunctionFailure {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka == Kind.INVALID || kb == Kind.INVALID) {
      throw new FunctionFailure("invalid type for comparison");
    }
    if (ka != kb) {
      throw new FunctionFailure("incompatible types for comparison");
    }
    return ka;
  }

  private static Kind kind(Object value) {
    if (value instanceof Boolean) {
      return Kind.BOOL;
    }
    if (value instanceof String) {
      return Kind.STRING;
    }
    if (GoValues.isInteger(value)) {
      return Kind.INT;
    }
    if (GoValues.isFloat(value)) {
      return Kind.FLOAT;
    }
    return Kind.INVALID;
  }
}
