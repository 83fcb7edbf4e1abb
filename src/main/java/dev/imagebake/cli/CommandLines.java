package dev.imagebake.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The picocli command lines: every command line {@link Main} does not answer itself. */
final class CommandLines {
  private CommandLines() {}

  /** Parses and runs {@code args} (without {@code -machine-readable}); returns the exit status. */
  static int execute(Cli cli, List<String> args) {
    boolean all = "off".equals(System.getProperty("imagebake.startup.oneCommandModel"));
    CommandLine cl =
        commandLine(
            cli,
            args.isEmpty() || all ? null : args.get(0),
            args.size() < 2 || all ? null : args.get(1));
    if (args.isEmpty()) {
      cl.usage(cli.err());
      return ExitCodes.UNKNOWN_COMMAND;
    }
    return cl.execute(args.toArray(String[]::new));
  }

  /**
   * @param invoked the command the arguments name, or null: only its model is built (picocli's
   *     reflection is a large part of start-up); every command's when it is not one (help,
   *     completion, typos that need suggestions)
   */
  static CommandLine commandLine(Cli cli, String invoked) {
    return commandLine(cli, invoked, null);
  }

  /**
   * @param subInvoked the argument after {@code invoked}: the registry's subcommand, whose model
   *     alone is built (null: all of them)
   */
  static CommandLine commandLine(Cli cli, String invoked, String subInvoked) {
    CommandFactory factory = new CommandFactory(cli);
    CommandLine cl = new CommandLine(new RootCommand(), factory);
    boolean one =
        invoked != null
            && RootCommand.COMMANDS.containsKey(invoked)
            && !invoked.equals("completion");
    for (Map.Entry<String, Class<?>> c : RootCommand.COMMANDS.entrySet()) {
      if (!one || c.getKey().equals(invoked)) {
        CommandLine command = new CommandLine(create(factory, c.getValue()), factory);
        command.getCommandSpec().addOption(helpOption());
        if (c.getValue() == FixCommand.class) {
          FixCommand.describeFixers(command);
        }
        if (c.getValue() == RegistryCommand.class) {
          RegistryCommand.addSubcommands(command, factory, one ? subInvoked : null);
        }
        cl.addSubcommand(c.getKey(), command);
      }
    }
    if (!one) {
      cl.addSubcommand("help", new CommandLine.HelpCommand());
    }
    cl.setOut(new PrintWriter(cli.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(cli.err(), true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler(new UsageErrors(cli));
    cl.setExecutionExceptionHandler(new InternalErrors(cli));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /**
   * {@code -h}, {@code -help}, {@code --help} on every command, as Packer's commands take them: the
   * command's usage on stdout, exit 0, whatever else is missing from the line.
   */
  static CommandLine.Model.OptionSpec helpOption() {
    return CommandLine.Model.OptionSpec.builder("-h", "-help", "--help")
        .usageHelp(true)
        .description("Show this command's usage and options.")
        .build();
  }

  private static Object create(CommandFactory factory, Class<?> type) {
    try {
      return factory.create(type);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the " + type.getSimpleName(), e);
    }
  }
}
