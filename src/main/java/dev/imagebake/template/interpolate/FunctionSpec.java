package dev.imagebake.template.interpolate;

import java.util.List;

/**
 * A template function: its parameters (checked at parse time for counts and literal types, at
 * render time for computed values) and its body.
 *
 * @param name as written in templates
 * @param params the fixed parameters
 * @param variadic the type of any further arguments, or null when there are none
 * @param body what it computes
 */
record FunctionSpec(String name, List<ParamType> params, ParamType variadic, Body body) {

  /** What a parameter accepts; Go converts untyped integer constants to int parameters. */
  enum ParamType {
    STRING,
    INT,
    ANY
  }

  /** The function's computation on converted arguments. */
  @FunctionalInterface
  interface Body {
    /**
     * @param args one per argument: String for STRING, Long for INT, any value for ANY
     * @throws FunctionFailure with the user-facing reason
     */
    Object apply(List<Object> args, RenderContext context) throws FunctionFailure;
  }

  static FunctionSpec of(String name, Body body, ParamType... params) {
    return new FunctionSpec(name, List.of(params), null, body);
  }

  static FunctionSpec variadic(String name, ParamType rest, Body body, ParamType... params) {
    return new FunctionSpec(name, List.of(params), rest, body);
  }

  ParamType paramAt(int index) {
    return index < params.size() ? params.get(index) : variadic;
  }

  /** Go's message for a wrong count, or null when {@code count} is acceptable. */
  String arityError(int count) {
    if (variadic == null && count != params.size()) {
      return "wrong number of args for " + name + ": want " + params.size() + " got " + count;
    }
    if (variadic != null && count < params.size()) {
      return "wrong number of args for "
          + name
          + ": want at least "
          + params.size()
          + " got "
          + count;
    }
    return null;
  }
}
