package dev.imagebake.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The command lines run most often, in their plainest form, answered without picocli: building
 * picocli's model of a command (reflection, annotation proxies, its type converters) costs more
 * start-up time than a short command's own work (a fifth of a trivial build's CPU). Each form here
 * sets exactly what picocli would set for the same arguments (MainTest compares the two objects
 * field by field); anything else (an option not listed, an {@code @argfile}, {@code -} for stdin,
 * {@code --}) is left to picocli. Each has a switch-off, {@code -Dimagebake.startup.NAME=off}
 * (docs/startup.md).
 */
final class PlainCommands {
  private PlainCommands() {}

  /** The plain form of {@code args}, or empty when picocli must parse them. */
  static Optional<Callable<Integer>> parse(Cli cli, List<String> args) {
    if (args.size() < 2) {
      return Optional.empty();
    }
    return switch (args.get(0)) {
      case "validate" -> validate(cli, args).map(c -> c);
      case "build" -> build(cli, args).map(c -> c);
      case "registry" -> registryGet(cli, args).map(c -> c);
      default -> Optional.empty();
    };
  }

  /**
   * {@code validate [-var KEY=VALUE | -var-file FILE]... FILE...}, which CI runs on every commit.
   */
  static Optional<ValidateCommand> validate(Cli cli, List<String> args) {
    if (!args.get(0).equals("validate") || off("plainValidate")) {
      return Optional.empty();
    }
    VariableOptions variables = new VariableOptions();
    int first = leadingOptions(args, variables, null);
    if (first < 0 || first == args.size()) {
      return Optional.empty();
    }
    List<Path> templates = new ArrayList<>();
    for (String a : args.subList(first, args.size())) {
      Optional<Path> p = operand(a);
      if (p.isEmpty()) {
        return Optional.empty();
      }
      templates.add(p.get());
    }
    ValidateCommand command = new ValidateCommand(cli);
    command.variables = variables;
    command.selection = new SelectionOptions();
    command.templates = templates;
    return Optional.of(command);
  }

  /** {@code build [-var KEY=VALUE | -var-file FILE | --registry]... FILE}. */
  static Optional<BuildCommand> build(Cli cli, List<String> args) {
    if (!args.get(0).equals("build") || off("plainBuild")) {
      return Optional.empty();
    }
    VariableOptions variables = new VariableOptions();
    RegistryOptions registry = new RegistryOptions();
    int first = leadingOptions(args, variables, registry);
    if (first < 0 || first != args.size() - 1) {
      return Optional.empty();
    }
    Optional<Path> template = operand(args.get(first));
    if (template.isEmpty()) {
      return Optional.empty();
    }
    BuildCommand command = new BuildCommand(cli);
    command.variables = variables;
    command.selection = new SelectionOptions();
    command.registry = registry;
    command.template = template.get();
    return Optional.of(command);
  }

  /**
   * Reads the options before the first operand into {@code variables} (and {@code registry}, when
   * the command has it): {@code -var}/{@code --var} and {@code -var-file}/{@code --var-file} with
   * their value as the next argument, {@code -registry}/{@code --registry} once.
   *
   * @return the index of the first operand ({@code args.size()} when there is none), or -1 for an
   *     option or a value picocli must read (any other option, {@code -var=...}, a value that
   *     starts with {@code -} or {@code @}, a repeated flag)
   */
  private static int leadingOptions(
      List<String> args, VariableOptions variables, RegistryOptions registry) {
    int i = 1;
    while (i < args.size()) {
      String a = args.get(i);
      switch (a) {
        case "-var", "--var", "-var-file", "--var-file" -> {
          if (i + 1 >= args.size()) {
            return -1;
          }
          String value = args.get(i + 1);
          if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
            return -1;
          }
          if (a.endsWith("-file")) {
            Optional<Path> file = operand(value);
            if (file.isEmpty()) {
              return -1;
            }
            variables.varFiles.add(file.get());
          } else {
            variables.vars.add(value);
          }
          i += 2;
        }
        case "-registry", "--registry" -> {
          if (registry == null || registry.registry) {
            return -1;
          }
          registry.registry = true;
          i++;
        }
        default -> {
          return a.startsWith("-") || a.startsWith("@") ? -1 : i;
        }
      }
    }
    return i;
  }

  /**
   * {@code registry get BUCKET CHANNEL}, which deployment scripts and Terraform's external data
   * source call for every deployment.
   */
  static Optional<RegistryCommand.Get> registryGet(Cli cli, List<String> args) {
    if (args.size() != 4
        || !args.get(0).equals("registry")
        || !args.get(1).equals("get")
        || off("plainRegistryGet")) {
      return Optional.empty();
    }
    for (String a : args.subList(2, 4)) {
      if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
        return Optional.empty();
      }
    }
    RegistryCommand.Get get = new RegistryCommand.Get(cli);
    get.bucket = args.get(2);
    get.channel = args.get(3);
    return Optional.of(get);
  }

  /** A file operand as picocli would take it, or empty for what picocli reads differently. */
  private static Optional<Path> operand(String a) {
    if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(a));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static boolean off(String name) {
    return "off".equals(System.getProperty("imagebake.startup." + name));
  }
}
