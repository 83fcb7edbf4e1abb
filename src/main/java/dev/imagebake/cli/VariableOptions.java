package dev.imagebake.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -var} and {@code -var-file}, shared by validate, inspect and build. */
final class VariableOptions {
  @Option(
      names = {"-var", "--var"},
      paramLabel = "KEY=VALUE",
      description = "Set a template variable; beats -var-file whatever the order. Repeatable.")
  List<String> vars = new ArrayList<>();

  @Option(
      names = {"-var-file", "--var-file"},
      paramLabel = "FILE",
      description = "A JSON file of variables; later files win. Repeatable.")
  List<Path> varFiles = new ArrayList<>();
}
