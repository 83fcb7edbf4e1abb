package dev.imagebake.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code imagebake}: the root of every command. */
@Command(
    name = "imagebake",
    versionProvider = VersionProvider.class,
    description = "Builds machine images from Packer-compatible JSON templates.",
    footer = {
      "",
      "Packer's single-dash flags (-var, -only=a,b, -machine-readable) work as well",
      "as the --long forms.",
      "Exit codes: 0 ok, 1 invalid template or failed build, 2 usage or plugin error,",
      "3 internal error, 127 unknown command, 130 interrupted."
    })
final class RootCommand implements Runnable {
  /**
   * The subcommands, in the order help lists them. Added by {@link Main} rather than declared in
   * {@code @Command}, so a run builds the (reflection-heavy) model of its own command only.
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> all = new LinkedHashMap<>();
    all.put("validate", ValidateCommand.class);
    all.put("build", BuildCommand.class);
    all.put("inspect", InspectCommand.class);
    all.put("fix", FixCommand.class);
    all.put("console", ConsoleCommand.class);
    all.put("schema", SchemaCommand.class);
    all.put("registry", RegistryCommand.class);
    all.put("plugins", PluginsCommand.class);
    all.put("version", VersionCommand.class);
    all.put("completion", CompletionCommand.class);
    return Collections.unmodifiableMap(all);
  }

  @picocli.CommandLine.Option(
      names = {"-h", "-help", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @picocli.CommandLine.Option(
      names = {"-v", "-V", "-version", "--version"},
      versionHelp = true,
      description = "Print version information and exit.")
  boolean version;

  /**
   * Packer 1.6–1.8 commands imagebake does not provide; naming one gets one line saying so rather
   * than picocli's "Unmatched argument".
   */
  static final java.util.Set<String> PACKER_ONLY = java.util.Set.of("fmt", "hcl2_upgrade", "init");

  @picocli.CommandLine.Option(
      names = {"-stacktrace", "--stacktrace"},
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an internal error.")
  boolean stacktrace;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "missing command");
  }
}
