package dev.imagebake.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what docker-java throws into one readable line: the engine's own message for API errors
 * (the JSON body's {@code message}), and the I/O cause when the engine cannot be reached.
 */
public final class EngineErrors {
  private static final Pattern MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private EngineErrors() {}

  public static String describe(Throwable e) {
    if (e instanceof DockerException d) {
      String body = d.getMessage() == null ? "" : d.getMessage();
      Matcher m = MESSAGE.matcher(body);
      String text =
          m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : body.strip();
      return text.replaceFirst("^Status \\d+: ", "");
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return "cannot talk to the Docker engine: " + io.getMessage();
      }
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Whether {@code e} says the engine could not be reached at all (socket gone, refused). */
  public static boolean isUnreachable(Throwable e) {
    if (e instanceof DockerException) {
      return false;
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
