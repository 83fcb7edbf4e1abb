package dev.imagebake.template.interpolate;

/**
 * A template function failed; rendered as {@code error calling NAME: message} unless the function
 * is not defined in the context at all.
 */
final class FunctionFailure extends Exception {
  private final boolean undefined;

  FunctionFailure(String message) {
    this(message, false);
  }

  private FunctionFailure(String message, boolean undefined) {
    super(message, null, false, false);
    this.undefined = undefined;
  }

  /** The function exists in the table but not in this context (clean_resource_name). */
  static FunctionFailure undefined(String function) {
    return new FunctionFailure("function \"" + function + "\" not defined", true);
  }

  boolean undefined() {
    return undefined;
  }
}
