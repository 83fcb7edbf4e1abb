package dev.imagebake.template.interpolate;

import java.util.List;

/**
 * A statement of a parsed template: text, an action that prints a pipeline, or a control structure.
 * {@code start}/{@code end} delimit the node's source text (so it can be kept literally when its
 * data is not available yet).
 */
sealed interface Node {

  /** Literal text between actions, already trimmed by trim markers. */
  record Text(String text) implements Node {}

  /** {@code {{ pipeline }}}: prints the pipeline's value. */
  record Action(Expr.Pipeline pipeline, int start, int end) implements Node {}

  /** {@code {{if p}} then {{else}} otherwise {{end}}}; {@code else if} nests another If. */
  record If(Expr.Pipeline condition, List<Node> then, List<Node> otherwise, int start, int end)
      implements Node {}

  /** {@code {{range p}} body {{else}} otherwise {{end}}}: the body runs with dot = element. */
  record Range(Expr.Pipeline pipeline, List<Node> body, List<Node> otherwise, int start, int end)
      implements Node {}

  /** {@code {{with p}} body {{else}} otherwise {{end}}}: the body runs with dot = value. */
  record With(Expr.Pipeline pipeline, List<Node> body, List<Node> otherwise, int start, int end)
      implements Node {}
}
