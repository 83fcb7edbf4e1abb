package dev.imagebake.template.interpolate;

import dev.imagebake.template.interpolate.FunctionSpec.ParamType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Executes a parsed template once against a {@link RenderContext}. */
final class Evaluator {
  /**
   * The data of a context without fields: evaluating {@code .X} against it keeps the enclosing
   * action as written (variable defaults keep {@code {{ .HTTPIP }}} for later).
   */
  private static final Object UNAVAILABLE_DATA = new Object();

  private final String source;
  private final RenderContext context;
  private final StringBuilder out = new StringBuilder();

  /** Template variables in scope, innermost last (parallel lists). */
  private final List<String> variableNames = new ArrayList<>();

  private final List<Object> variableValues = new ArrayList<>();

  private Evaluator(String source, RenderContext context) {
    this.source = source;
    this.context = context;
  }

  static String render(String source, List<Node> nodes, RenderContext context)
      throws TemplateException {
    Evaluator evaluator = new Evaluator(source, context);
    Object data = context.fields() == null ? UNAVAILABLE_DATA : context.fields();
    evaluator.push("$", data);
    evaluator.run(nodes, data);
    if (evaluator.out.length() > TemplateString.MAX_LENGTH) {
      throw new TemplateException(TemplateString.TOO_LONG, -1);
    }
    return evaluator.out.toString();
  }

  /** Thrown when a node needs data that is not available yet; the node is kept literally. */
  private static final class KeepLiteral extends RuntimeException {
    KeepLiteral() {
      super(null, null, false, false);
    }
  }

  private void run(List<Node> nodes, Object dot) throws TemplateException {
    for (Node node : nodes) {
      // Checked as it grows: variables that double each other reach any size in a few steps.
      if (out.length() > TemplateString.MAX_LENGTH) {
        throw new TemplateException(TemplateString.TOO_LONG, -1);
      }
      if (node instanceof Node.Text text) {
        out.append(text.text());
      } else if (node instanceof Node.Action action) {
        runAction(action, dot);
      } else if (node instanceof Node.If ifNode) {
        runIf(ifNode, dot);
      } else if (node instanceof Node.Range range) {
        runRange(range, dot);
      } else if (node instanceof Node.With with) {
        runWith(with, dot);
      }
    }
  }

  private void runAction(Node.Action action, Object dot) throws TemplateException {
    try {
      Object value = eval(action.pipeline(), dot);
      if (action.pipeline().declarations().isEmpty()) {
        out.append(GoValues.printAction(value));
      }
    } catch (KeepLiteral keep) {
      out.append(source, action.start(), action.end());
    }
  }

  private void runIf(Node.If ifNode, Object dot) throws TemplateException {
    int scope = variableNames.size();
    try {
      runIfInScope(ifNode, dot);
    } finally {
      popTo(scope);
    }
  }

  private void runIfInScope(Node.If ifNode, Object dot) throws TemplateException {
    boolean truth;
    try {
      truth = GoValues.truth(eval(ifNode.condition(), dot));
    } catch (KeepLiteral keep) {
      out.append(source, ifNode.start(), ifNode.end());
      return;
    }
    run(truth ? ifNode.then() : ifNode.otherwise(), dot);
  }

  private void runWith(Node.With with, Object dot) throws TemplateException {
    int scope = variableNames.size();
    try {
      runWithInScope(with, dot);
    } finally {
      popTo(scope);
    }
  }

  private void runWithInScope(Node.With with, Object dot) throws TemplateException {
    Object value;
    try {
      value = eval(with.pipeline(), dot);
    } catch (KeepLiteral keep) {
      out.append(source, with.start(), with.end());
      return;
    }
    if (GoValues.truth(value)) {
      run(with.body(), value);
    } else {
      run(with.otherwise(), dot);
    }
  }

  private void runRange(Node.Range range, Object dot) throws TemplateException {
    int scope = variableNames.size();
    try {
      runRangeInScope(range, dot);
    } finally {
      popTo(scope);
    }
  }

  private void runRangeInScope(Node.Range range, Object dot) throws TemplateException {
    Object value;
    try {
      value = eval(range.pipeline(), dot);
    } catch (KeepLiteral keep) {
      out.append(source, range.start(), range.end());
      return;
    }
    List<Map.Entry<Object, Object>> elements = new ArrayList<>();
    if (value instanceof Collection<?> collection) {
      long index = 0;
      for (Object element : collection) {
        elements.add(new java.util.AbstractMap.SimpleImmutableEntry<>(index++, element));
      }
    } else if (value instanceof Map<?, ?> map) {
      GoValues.sorted(map)
          .forEach((k, v) -> elements.add(new java.util.AbstractMap.SimpleImmutableEntry<>(k, v)));
    } else if (value != null) {
      throw new TemplateException(
          "range can't iterate over " + GoValues.format(value), range.pipeline().offset());
    }
    if (elements.isEmpty()) {
      run(range.otherwise(), dot);
      return;
    }
    int declared = range.pipeline().declarations().size();
    int bodyScope = variableNames.size();
    for (Map.Entry<Object, Object> element : elements) {
      // $e := … gets the element; $i, $e := … also gets the index (or map key).
      if (declared > 0) {
        variableValues.set(bodyScope - 1, element.getValue());
      }
      if (declared > 1) {
        variableValues.set(bodyScope - 2, element.getKey());
      }
      run(range.body(), element.getValue());
      popTo(bodyScope);
    }
  }

  private Object eval(Expr expr, Object dot) throws TemplateException {
    if (expr instanceof Expr.Literal literal) {
      return literal.value();
    }
    if (expr instanceof Expr.Nil) {
      return null;
    }
    if (expr instanceof Expr.Dot) {
      requireData(dot);
      return dot;
    }
    if (expr instanceof Expr.Field field) {
      requireData(dot);
      return fields(dot, field.path(), field.offset());
    }
    if (expr instanceof Expr.Chain chain) {
      return fields(eval(chain.receiver(), dot), chain.path(), chain.offset());
    }
    if (expr instanceof Expr.Call call) {
      return call(call, dot, List.of());
    }
    if (expr instanceof Expr.Variable variable) {
      Object value = variable(variable);
      requireData(value);
      return fields(value, variable.path(), variable.offset());
    }
    Expr.Pipeline pipeline = (Expr.Pipeline) expr;
    Object value = eval(pipeline.stages().get(0), dot);
    for (Expr stage : pipeline.stages().subList(1, pipeline.stages().size())) {
      List<Object> piped = new ArrayList<>(1);
      piped.add(value);
      value = call((Expr.Call) stage, dot, piped);
    }
    for (String name : pipeline.declarations()) {
      if (pipeline.assign()) {
        int index = variableNames.lastIndexOf(name);
        if (index < 0) {
          throw new KeepLiteral();
        }
        variableValues.set(index, value);
      } else {
        push(name, value);
      }
    }
    return value;
  }

  private void push(String name, Object value) {
    variableNames.add(name);
    variableValues.add(value);
  }

  private void popTo(int size) {
    variableNames.subList(size, variableNames.size()).clear();
    variableValues.subList(size, variableValues.size()).clear();
  }

  private Object variable(Expr.Variable variable) {
    int index = variableNames.lastIndexOf(variable.name());
    if (index < 0) {
      // Its declaration was kept literally (data not available yet), so this action is too.
      throw new KeepLiteral();
    }
    return variableValues.get(index);
  }

  private static void requireData(Object dot) {
    if (dot == UNAVAILABLE_DATA) {
      throw new KeepLiteral();
    }
  }

  private Object call(Expr.Call call, Object dot, List<Object> piped) throws TemplateException {
    FunctionSpec spec = FunctionTable.lookup(call.function());
    List<Object> args = new ArrayList<>(call.args().size() + piped.size());
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      args.add(convert(spec.paramAt(i), eval(arg, dot), arg.offset()));
    }
    for (Object value : piped) {
      args.add(convert(spec.paramAt(args.size()), value, call.offset()));
    }
    try {
      return spec.body().apply(args, context);
    } catch (FunctionFailure failure) {
      String message =
          failure.undefined()
              ? failure.getMessage()
              : "error calling " + spec.name() + ": " + failure.getMessage();
      throw new TemplateException(message, call.offset());
    }
  }

  /** Go's reflective conversion of an argument to the parameter type. */
  private static Object convert(ParamType type, Object value, int offset) throws TemplateException {
    if (type == ParamType.ANY) {
      return value;
    }
    String expected = type == ParamType.STRING ? "string" : "int";
    if (value == null) {
      throw new TemplateException("invalid value; expected " + expected, offset);
    }
    if (type == ParamType.STRING && value instanceof String) {
      return value;
    }
    if (type == ParamType.INT && GoValues.isInteger(value)) {
      return ((Number) value).longValue();
    }
    throw new TemplateException(
        "wrong type for value; expected " + expected + "; got " + GoValues.typeName(value), offset);
  }

  private static Object fields(Object receiver, List<String> path, int offset)
      throws TemplateException {
    Object value = receiver;
    for (String name : path) {
      if (value == null) {
        return null;
      }
      if (value instanceof Map<?, ?> map) {
        value = map.get(name);
      } else if (value.getClass().isRecord()) {
        value = recordComponent(value, name, offset);
      } else {
        throw new TemplateException(
            "can't evaluate field " + name + " in type " + GoValues.typeName(value), offset);
      }
    }
    return value;
  }

  private static Object recordComponent(Object record, String name, int offset)
      throws TemplateException {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getName().equalsIgnoreCase(name)) {
        try {
          java.lang.reflect.Method accessor = component.getAccessor();
          // Records of other packages may be package-private; their accessors are still public.
          accessor.trySetAccessible();
          return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
          break;
        }
      }
    }
    throw new TemplateException(
        "can't evaluate field " + name + " in type " + GoValues.typeName(record), offset);
  }
}
