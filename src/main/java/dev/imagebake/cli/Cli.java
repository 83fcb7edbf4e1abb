package dev.imagebake.cli;

import dev.imagebake.config.PluginLoadException;
import java.io.PrintStream;
import java.util.Map;

/**
 * What every command prints to and reads from: results on {@code out}, everything else on {@code
 * err}.
 *
 * @param machineReadable Packer's global {@code -machine-readable} switch
 */
record Cli(PrintStream out, PrintStream err, Map<String, String> env, boolean machineReadable) {
  /**
   * Reports an exception or error no command handled: plugins that cannot be loaded as a usage
   * problem, one line each; anything else as a bug ({@link #internalError}).
   *
   * @return the exit status
   */
  int uncaught(Throwable e, boolean trace) {
    if (e instanceof PluginLoadException plugins) {
      plugins.problems().forEach(p -> err.println("imagebake: " + p));
      return ExitCodes.USAGE;
    }
    return internalError(e, trace);
  }

  /**
   * Reports an exception or error no command handled (a bug, or the JVM out of memory or stack):
   * one line with a pointer to {@code --stacktrace}, or the stack trace when asked.
   *
   * @return the exit status
   */
  int internalError(Throwable e, boolean trace) {
    err.println(internalErrorLine(e, trace));
    if (trace) {
      e.printStackTrace(err);
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  /** The one line an internal error prints. */
  static String internalErrorLine(Throwable e, boolean trace) {
    String what = String.valueOf(e).lines().findFirst().orElse("");
    if (e instanceof OutOfMemoryError) {
      what +=
          " (the heap is bounded; IMAGEBAKE_JAVA_OPTS=-Xmx1g raises it if the input is really"
              + " that large)";
    }
    return "imagebake: internal error: "
        + what
        + (trace ? "" : "; this is a bug in imagebake: rerun with --stacktrace and report it");
  }
}
