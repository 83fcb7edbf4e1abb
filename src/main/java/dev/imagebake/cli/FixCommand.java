package dev.imagebake.cli;

import dev.imagebake.fix.TemplateFix;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imagebake fix}: Packer 1.6.6's {@code fix}, every fixer in its order, the fixed template
 * on stdout exactly as Packer prints it.
 */
@Command(
    name = "fix",
    description = {
      "Reads the JSON template and attempts to fix known backwards incompatibilities.",
      "The fixed template is written to standard out; errors go to standard error and exit 1."
    })
final class FixCommand implements Callable<Integer> {
  private final Cli cli;

  @Option(
      names = {"-validate", "--validate"},
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "If true (default), validates the fixed template.")
  boolean validate = true;

  @Parameters(paramLabel = "TEMPLATE", description = "The template file.")
  Path template;

  FixCommand(Cli cli) {
    this.cli = cli;
  }

  /** Adds Packer's list of fixers to the command's help. */
  static void describeFixers(picocli.CommandLine command) {
    command
        .getCommandSpec()
        .usageMessage()
        .footerHeading("%nFixes that are run (in order):%n%n")
        .footer(TemplateFix.fixerList().replace("%", "%%"));
  }

  @Override
  public Integer call() {
    TemplateFix.Result result = TemplateFix.run(template, validate);
    cli.out().print(result.out());
    cli.out().flush();
    if (result.error() != null) {
      cli.err().println(result.error());
    }
    return result.exitCode();
  }
}
