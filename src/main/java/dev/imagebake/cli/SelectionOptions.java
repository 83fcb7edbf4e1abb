package dev.imagebake.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -only} and {@code -except}: which builds (and, for -except, post-processors) run. */
final class SelectionOptions {
  @Option(
      names = {"-only", "--only"},
      split = ",",
      paramLabel = "NAME",
      description = "Only these builds (comma-separated, repeatable).")
  List<String> only = new ArrayList<>();

  @Option(
      names = {"-except", "--except"},
      split = ",",
      paramLabel = "NAME",
      description = "Skip these builds and post-processors (comma-separated, repeatable).")
  List<String> except = new ArrayList<>();
}
