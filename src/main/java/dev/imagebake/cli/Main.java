package dev.imagebake.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

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
    JdkUrlHandlers.install();
    int code = run(args, System.out, System.err, System.getenv());
    System.out.flush();
    // An HTTP client's selector thread would hold the JVM's exit for 0.3 s.
    HttpSelectorThreads.stopAll(100);
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
      Optional<Callable<Integer>> plain = PlainCommands.parse(cli, rest);
      if (plain.isPresent()) {
        return plain.get().call();
      }
      return CommandLines.execute(cli, rest);
    } catch (Exception | Error e) {
      // picocli hands exceptions to InternalErrors; a plain command's (whose arguments never
      // include --stacktrace) and errors (out of memory or stack) come here.
      return cli.uncaught(e, rest.contains("--stacktrace"));
    }
  }
}
