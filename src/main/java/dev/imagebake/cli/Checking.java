package dev.imagebake.cli;

import dev.imagebake.config.PluginRegistry;
import dev.imagebake.plan.CheckOptions;
import dev.imagebake.plan.TemplateChecker;
import java.nio.file.Path;
import java.time.Instant;

/** Builds the checker and its options from the command line's variable and selection flags. */
final class Checking {
  private Checking() {}

  static Path workingDir() {
    return Path.of("").toAbsolutePath();
  }

  /**
   * @throws dev.imagebake.config.PluginLoadException when the plugins cannot be loaded
   */
  static TemplateChecker checker(Cli cli) {
    return new TemplateChecker(PluginRegistry.load(cli.env()), workingDir());
  }

  static CheckOptions options(
      Cli cli, VariableOptions vars, SelectionOptions selection, boolean syntaxOnly) {
    return new CheckOptions(
        vars.vars,
        vars.varFiles,
        selection.only,
        selection.except,
        syntaxOnly,
        cli.env(),
        workingDir(),
        System.in,
        Instant.now());
  }
}
