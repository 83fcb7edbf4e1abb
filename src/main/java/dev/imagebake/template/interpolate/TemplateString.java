package dev.imagebake.template.interpolate;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed template string. Immutable and thread-safe: parse once, render per build.
 *
 * <p>{@link #parse} checks syntax, function names, argument counts and the types of literal
 * arguments against the full function table (whether a function is usable where the string is, is a
 * render-time question). {@link #render} evaluates with a context and re-renders its output until
 * it stops changing, as Packer does (a variable value that contains {@code {{ }}} is rendered too).
 */
public final class TemplateString {
  /** Packer loops until stable; the cap only guards against self-reproducing values. */
  static final int MAX_PASSES = 100;

  /**
   * The longest rendered value, in chars: as large as a whole template may be, and small enough for
   * the heap the launcher gives a build.
   */
  static final int MAX_LENGTH = 1 << 20;

  static final String TOO_LONG =
      "the rendered value is longer than " + (MAX_LENGTH >> 20) + " Mi characters";

  private final String source;
  private final List<Node> nodes;
  private final boolean literal;

  private TemplateString(String source, List<Node> nodes, boolean literal) {
    this.source = source;
    this.nodes = nodes;
    this.literal = literal;
  }

  /**
   * Parses a template string. Strings without {@code {{} take a fast path.
   *
   * @throws TemplateException for a syntax error, an unknown function or a wrong argument count,
   *     with the offset in {@code source} (in chars of the Java string) where it was found
   */
  public static TemplateString parse(String source) throws TemplateException {
    Objects.requireNonNull(source, "source");
    if (!source.contains("{{")) {
      return new TemplateString(source, List.of(new Node.Text(source)), true);
    }
    return new TemplateString(source, List.copyOf(Parser.parse(source)), false);
  }

  /** The text it was parsed from. */
  public String source() {
    return source;
  }

  /**
   * Names of the functions the string calls (e.g. to reject {@code env} outside variables or {@code
   * build} in builder config before rendering), sorted.
   */
  public Set<String> calledFunctions() {
    return literal ? Set.of() : References.of(nodes).functions();
  }

  /**
   * Names the string passes literally to {@code user} (for ordering variable defaults and warning
   * about undefined variables), sorted.
   */
  public Set<String> referencedUserVariables() {
    return literal ? Set.of() : References.of(nodes).userVariables();
  }

  /** True when the string has no actions and renders to itself. */
  public boolean isLiteral() {
    return literal;
  }

  /**
   * @throws TemplateException when a function is not available in the context ({@code env} outside
   *     variables), an undefined variable is used, or a function fails; the offset is in {@link
   *     #source()}, or -1 when the error is in text produced by an earlier pass
   */
  public String render(RenderContext context) throws TemplateException {
    if (literal) {
      return source;
    }
    String current = Evaluator.render(source, nodes, context);
    String previous = source;
    for (int pass = 1; pass < MAX_PASSES && !current.equals(previous); pass++) {
      if (!current.contains("{{")) {
        return current;
      }
      previous = current;
      current = renderAgain(current, context);
    }
    return current;
  }

  /**
   * One more pass over produced text. Text that does not parse is final: it can only come from
   * deliberate escapes such as {@code {{ "{{" }}} (Packer fails the build there instead).
   */
  private static String renderAgain(String text, RenderContext context) throws TemplateException {
    List<Node> nodes;
    try {
      nodes = Parser.parse(text);
    } catch (TemplateException e) {
      return text;
    }
    try {
      return Evaluator.render(text, nodes, context);
    } catch (TemplateException e) {
      throw new TemplateException(e.getMessage(), -1);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TemplateString that && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
