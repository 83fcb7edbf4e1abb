package dev.imagebake.cli;

import picocli.CommandLine;

/**
 * An exception no command handled is a bug: one line, a pointer to {@code --stacktrace}, exit 3;
 * except plugins that cannot be loaded, a problem of the set-up ({@link Cli#uncaught}).
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
    return cli.uncaught(e, trace);
  }
}
