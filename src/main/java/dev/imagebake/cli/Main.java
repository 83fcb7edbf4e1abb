package dev.imagebake.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code imagebake} command line. Nothing here refers to picocli: the launcher resolves this
 * class's method signatures before {@code main} runs, and a picocli type there would make the JVM
 * look for picocli in every jar before the command is even known.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    boolean trace = List.of(args).contains("--stacktrace");
    // A thread of our own or of a library that dies is reported in one line too.
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          System.err.println(
              Cli.internalErrorLine(e, trace) + " (thread " + thread.getName() + ")");
          if (trace) {
            e.printStackTrace(System.err);
          }
        });
    int code = run(args, System.out, System.err, System.getenv());
    System.out.flush();
    System.exit(code);
  }

  /**
   * Runs one command line and returns its exit status; never calls {@code System.exit}, so tests
   * call it directly (and the class-data training, {@code dev.imagebake.buildtools}).
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    // Packer treats -machine-readable as a global switch wherever it appears.
    List<String> rest = new ArrayList<>();
    boolean machineReadable = false;
    for (String a : args) {
      if (a.equals("-machine-readable") || a.equals("--machine-readable")) {
        machineReadable = true;
      } else {
        rest.add(a);
      }
    }
    Cli cli = new Cli(out, err, env, machineReadable);
    try {
      Optional<ValidateCommand> plain = plainValidate(cli, rest);
      if (plain.isPresent()) {
        return plain.get().call();
      }
      return CommandLines.execute(cli, rest);
    } catch (RuntimeException | Error e) {
      // picocli hands exceptions to InternalErrors; errors (out of memory or stack) come here.
      return cli.uncaught(e, rest.contains("--stacktrace"));
    }
  }

  /**
   * {@code validate FILE...} without options, which CI runs on every commit, parsed without
   * picocli: building picocli's command model (reflection, annotation proxies, its built-in type
   * converters) costs more start-up time than checking a template. Anything else (an option, an
   * {@code @argfile}, {@code -} for stdin, {@code --}) is left to picocli, so the result is always
   * what picocli would have made of the same arguments.
   */
  static Optional<ValidateCommand> plainValidate(Cli cli, List<String> args) {
    if (args.size() < 2
        || !args.get(0).equals("validate")
        || "off".equals(System.getProperty("imagebake.startup.plainValidate"))) {
      return Optional.empty();
    }
    List<Path> templates = new ArrayList<>();
    for (String a : args.subList(1, args.size())) {
      if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
        return Optional.empty();
      }
      try {
        templates.add(Path.of(a));
      } catch (InvalidPathException e) {
        return Optional.empty();
      }
    }
    ValidateCommand command = new ValidateCommand(cli);
    command.variables = new VariableOptions();
    command.selection = new SelectionOptions();
    command.templates = templates;
    return Optional.of(command);
  }
}
