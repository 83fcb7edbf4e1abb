package dev.imagebake.sdk.shell;

/** A script could not be run or ended in a way the configuration does not allow. */
public final class ScriptFailedException extends Exception {
  public ScriptFailedException(String message) {
    super(message);
  }

  public ScriptFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
