package dev.imagebake.sdk;

/** A step halted the build; the message is the user-facing error, the cause the original. */
public final class StepFailedException extends Exception {
  private final String step;

  public StepFailedException(String step, String message, Throwable cause) {
    super(message, cause);
    this.step = step;
  }

  public String step() {
    return step;
  }

  /** What to tell the user about {@code e}: its message, or its class name when it has none. */
  public static String messageOf(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
