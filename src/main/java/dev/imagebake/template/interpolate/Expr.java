package dev.imagebake.template.interpolate;

import java.util.List;

/** An expression inside an action; {@code offset} is where it starts in the template string. */
sealed interface Expr {
  int offset();

  /** A string, integer (Long), float (Double) or boolean constant. */
  record Literal(Object value, String text, int offset) implements Expr {}

  /** {@code nil}: only valid as an argument. */
  record Nil(int offset) implements Expr {}

  /** {@code .}: the current data. */
  record Dot(int offset) implements Expr {}

  /** {@code .A.B}: fields of the current data. */
  record Field(List<String> path, int offset) implements Expr {}

  /** {@code (pipeline).A.B}: fields of a computed value. */
  record Chain(Expr receiver, List<String> path, int offset) implements Expr {}

  /**
   * A function call. In a pipeline stage after the first, the previous stage's value is passed as
   * an extra last argument.
   */
  record Call(String function, List<Expr> args, int offset) implements Expr {}

  /** {@code $x.A.B}: a template variable ({@code $} is the data the template started with). */
  record Variable(String name, List<String> path, int offset) implements Expr {}

  /**
   * {@code a | f x | g}: each stage after the first is a {@link Call}.
   *
   * @param declarations variables that {@code $x := …} declares or {@code $x = …} assigns (two for
   *     {@code range $i, $e := …}); an action with declarations prints nothing
   * @param assign whether it is an assignment to existing variables
   */
  record Pipeline(List<Expr> stages, int offset, List<String> declarations, boolean assign)
      implements Expr {
    Pipeline(List<Expr> stages, int offset) {
      this(stages, offset, List.of(), false);
    }
  }
}
