package dev.imagebake.cli;

import picocli.CommandLine.Command;

/** {@code imagebake}: the root of every command. */
@Command(
    name = "imagebake",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Builds machine images from Packer-compatible JSON templates.",
    subcommands = {
      ValidateCommand.class,
      BuildCommand.class,
      InspectCommand.class,
      SchemaCommand.class,
      VersionCommand.class,
      CompletionCommand.class
    },
    footer = {
      "",
      "Packer's single-dash flags (-var, -only=a,b, -machine-readable) work as well",
      "as the --long forms.",
      "Exit codes: 0 ok, 1 invalid template or failed build, 2 usage error,",
      "3 internal error, 127 unknown command, 130 interrupted."
    })
final class RootCommand implements Runnable {
  @picocli.CommandLine.Option(
      names = "--stacktrace",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an internal error.")
  boolean stacktrace;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "missing command");
  }
}
