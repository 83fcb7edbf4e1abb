package dev.imagebake.fix;

/** A template a fixer cannot fix; the message is Packer's (after {@code Error fixing: }). */
final class FixException extends Exception {
  private static final long serialVersionUID = 1L;

  FixException(String message) {
    super(message, null, false, false);
  }
}
