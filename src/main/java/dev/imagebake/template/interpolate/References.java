package dev.imagebake.template.interpolate;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** What a parsed template refers to, found by walking its AST without rendering it. */
final class References {
  private final SortedSet<String> functions = new TreeSet<>();
  private final SortedSet<String> userVariables = new TreeSet<>();

  private References() {}

  static References of(List<Node> nodes) {
    References references = new References();
    references.nodes(nodes);
    return references;
  }

  /** Names of all functions called, in sorted order. */
  Set<String> functions() {
    return Collections.unmodifiableSortedSet(functions);
  }

  /** Names passed as a literal to {@code user}, in sorted order. */
  Set<String> userVariables() {
    return Collections.unmodifiableSortedSet(userVariables);
  }

  private void nodes(List<Node> nodes) {
    for (Node node : nodes) {
      if (node instanceof Node.Action action) {
        expr(action.pipeline());
      } else if (node instanceof Node.If ifNode) {
        expr(ifNode.condition());
        nodes(ifNode.then());
        nodes(ifNode.otherwise());
      } else if (node instanceof Node.Range range) {
        expr(range.pipeline());
        nodes(range.body());
        nodes(range.otherwise());
      } else if (node instanceof Node.With with) {
        expr(with.pipeline());
        nodes(with.body());
        nodes(with.otherwise());
      }
    }
  }

  private void expr(Expr expr) {
    if (expr instanceof Expr.Call call) {
      functions.add(call.function());
      if (call.function().equals("user")
          && call.args().size() == 1
          && call.args().get(0) instanceof Expr.Literal literal
          && literal.value() instanceof String name) {
        userVariables.add(name);
      }
      call.args().forEach(this::expr);
    } else if (expr instanceof Expr.Pipeline pipeline) {
      pipeline.stages().forEach(this::expr);
    } else if (expr instanceof Expr.Chain chain) {
      expr(chain.receiver());
    }
  }
}
