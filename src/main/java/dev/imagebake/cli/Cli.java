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
   * Reports an exception no command handled: plugins that cannot be loaded as a usage problem, one
   * line each; anything else as a bug ({@link #internalError}).
   *
   * @return the exit status
   */
  int uncaught(Exception e, boolean trace) {
    if (e instanceof PluginLoadException plugins) {
      plugins.problems().forEach(p -> err.println("imagebake: " + p));
      return ExitCodes.USAGE;
    }
    return internalError(e, trace);
  }

  /**
   * Reports an exception no command handled, which is a bug: one line and a pointer to {@code
   * --stacktrace}, or the stack trace when asked.
   *
   * @return the exit status
   */
  int internalError(Exception e, boolean trace) {
    err.println("imagebake: internal error: " + e);
    if (trace) {
      e.printStackTrace(err);
    } else {
      err.println("This is a bug in imagebake. Rerun with --stacktrace and report it.");
    }
    return ExitCodes.INTERNAL_ERROR;
  }
}
