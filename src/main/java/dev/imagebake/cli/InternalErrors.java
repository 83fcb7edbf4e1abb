package dev.imagebake.cli;

import picocli.CommandLine;

/**
 * An exception no command handled is a bug: one line, a pointer to {@code --stacktrace}, exit 3.
 */
final class InternalErrors implements CommandLine.IExecutionExceptionHandler {
  private final Cli cli;

  InternalErrors(Cli cli) {
    this.cli = cli;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    boolean trace = parseResult.hasMatchedOption("--stacktrace");
    for (CommandLine.ParseResult sub = parseResult.subcommand();
        sub != null && !trace;
        sub = sub.subcommand()) {
      trace = sub.hasMatchedOption("--stacktrace");
    }
    return report(cli, e, trace);
  }

  /** Prints the error (with its stack trace when asked) and returns the exit status. */
  static int report(Cli cli, Exception e, boolean trace) {
    cli.err().println("imagebake: internal error: " + e);
    if (trace) {
      e.printStackTrace(cli.err());
    } else {
      cli.err().println("This is a bug in imagebake. Rerun with --stacktrace and report it.");
    }
    return ExitCodes.INTERNAL_ERROR;
  }
}
