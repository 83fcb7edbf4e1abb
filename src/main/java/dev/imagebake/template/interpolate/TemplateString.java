package dev.imagebake.template.interpolate;

/**
 * A parsed template string. Immutable and thread-safe: parse once, render per build.
 *
 * <p>API CONTRACT (stub, to be implemented): {@link #parse} checks syntax, function names and
 * argument counts against the full function table; {@link #render} evaluates with a context and
 * re-renders its output until it stops changing (Packer renders variable values that contain {@code
 * {{ }}} themselves).
 */
public final class TemplateString {
  private TemplateString() {}

  /**
   * @throws TemplateException for a syntax error, an unknown function or a wrong argument count,
   *     with the offset in {@code source} where it was found
   */
  public static TemplateString parse(String source) throws TemplateException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The text it was parsed from. */
  public String source() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** True when the string has no actions and renders to itself. */
  public boolean isLiteral() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * @throws TemplateException when a function is not available in the context ({@code env} outside
   *     variables), an undefined variable is used, or a function fails
   */
  public String render(RenderContext context) throws TemplateException {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
