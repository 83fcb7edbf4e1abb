package dev.imagebake.cli;

import picocli.CommandLine;

/** A wrong command line: one line naming the problem, the usage of that command, exit 2. */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  private final Cli cli;

  UsageErrors(Cli cli) {
    this.cli = cli;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    if (cl.getParent() == null
        && e instanceof CommandLine.UnmatchedArgumentException u
        && !u.getUnmatched().isEmpty()
        && RootCommand.PACKER_ONLY.contains(u.getUnmatched().get(0))
        && !RootCommand.COMMANDS.containsKey(u.getUnmatched().get(0))) {
      cli.err()
          .println(
              "imagebake: 'packer "
                  + u.getUnmatched().get(0)
                  + "' has no imagebake counterpart yet; run 'imagebake --help' for the commands");
      return ExitCodes.UNKNOWN_COMMAND;
    }
    cli.err().println("imagebake: " + e.getMessage());
    if (cl.getParent() == null
        && e instanceof CommandLine.UnmatchedArgumentException u
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      CommandLine.UnmatchedArgumentException.printSuggestions(u, cli.err());
      cli.err().println("Run 'imagebake --help' for the list of commands.");
      return ExitCodes.UNKNOWN_COMMAND;
    }
    CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.err());
    cli.err().println("Run 'imagebake " + commandPath(cl) + "--help' for usage.");
    return ExitCodes.USAGE;
  }

  private static String commandPath(CommandLine cl) {
    String path = cl.getCommandSpec().qualifiedName(" ");
    int space = path.indexOf(' ');
    return space < 0 ? "" : path.substring(space + 1) + " ";
  }
}
