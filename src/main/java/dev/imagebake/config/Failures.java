package dev.imagebake.config;

import java.util.ServiceConfigurationError;

/** Why a plugin did not load, in one line: the error and its causes, without a stack trace. */
final class Failures {
  private Failures() {}

  static String reason(Throwable e) {
    StringBuilder reason = new StringBuilder(firstLine(e));
    String hint = "";
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      reason.append(": ").append(firstLine(cause));
      if (cause instanceof NoClassDefFoundError && cause.getMessage() != null) {
        String missing = cause.getMessage().replace('/', '.');
        if (missing.startsWith("dev.imagebake.") && !missing.startsWith("dev.imagebake.sdk.")) {
          hint = " (a plugin may use only the SDK, dev.imagebake.sdk, of imagebake's classes)";
        }
        break; // its cause, a ClassNotFoundException, names the same class again
      }
    }
    return reason + hint;
  }

  /** {@link ServiceConfigurationError}'s message says it all; others need their class named. */
  private static String firstLine(Throwable e) {
    String text =
        e instanceof ServiceConfigurationError && e.getMessage() != null
            ? e.getMessage()
            : e.toString();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
