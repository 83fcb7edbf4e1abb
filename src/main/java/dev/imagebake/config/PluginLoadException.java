package dev.imagebake.config;

import java.util.List;

/**
 * The plugins cannot be used as installed: a jar that does not load, or two plugins claiming one
 * type. Not a bug of imagebake but of its set-up, so it is reported as its problems, one line each
 * naming the jars and types, without a stack trace.
 */
public final class PluginLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  PluginLoadException(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, e.g. {@code cannot load plugin jar /p/x.jar: ...}. */
  public List<String> problems() {
    return problems;
  }
}
