package dev.imagebake.template.interpolate;

/** A template string that cannot be parsed or rendered; the message is user-facing. */
public final class TemplateException extends Exception {
  private final int offset;

  /**
   * @param message what is wrong, e.g. {@code function "nofunc" not defined}
   * @param offset the 0-based offset in the template string where it was found, or -1
   */
  public TemplateException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
