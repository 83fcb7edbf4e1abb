package dev.imagebake.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ways an interrupt reaches a build, as users and CI systems send them (issue 12, point 3).
 * Each must cancel the build and still run every cleanup.
 */
enum SignalPattern {
  /** One Ctrl-C. */
  ONE("kill -INT %1$d"),
  /** The same signal twice within 50 ms (two processes forwarding one Ctrl-C). */
  TWO_WITHIN_50_MS("kill -INT %1$d; kill -INT %1$d"),
  /** A CI runner: INT, then TERM. */
  INT_THEN_TERM("kill -INT %1$d; kill -TERM %1$d"),
  /**
   * The build runs under {@code timeout -s INT}, and Ctrl-C reaches the whole process group (as a
   * terminal sends it): the build gets it from the terminal, from {@code timeout} forwarding it,
   * and again from {@code timeout} signalling its group.
   */
  TIMEOUT_WRAPPER("kill -INT -%1$d");

  private final String kill;

  SignalPattern(String kill) {
    this.kill = kill;
  }

  /** Starts {@code bin/imagebake args} in {@code work} as this pattern needs it. */
  Build start(Path work, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (this == TIMEOUT_WRAPPER) {
      command.addAll(List.of("timeout", "-s", "INT", "900"));
    }
    command.add(Launcher.BIN.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "build-" + name().toLowerCase() + "-", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("NO_COLOR", "1");
    pb.environment().putAll(env);
    return new Build(this, pb.start(), out);
  }

  /** A running build under one pattern. */
  record Build(SignalPattern pattern, Process process, Path out) {
    /** Sends the pattern's signals; returns once they are sent. */
    void signal() {
      try {
        String command = pattern.kill.formatted(process.pid());
        Process kill = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
          throw new AssertionError("could not signal: " + command);
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    String output() {
      try {
        return Files.readString(out, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    /** Waits (bounded) until the build printed {@code text}. */
    void awaitOutput(String text) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      try {
        while (!output().contains(text)) {
          if (!process.isAlive()) {
            throw new AssertionError("build ended before '" + text + "':\n" + output());
          }
          if (System.nanoTime() > deadline) {
            throw new AssertionError("no '" + text + "' within 180 s:\n" + output());
          }
          process.waitFor(20, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /** Waits (bounded) for the exit; kills the build's processes if it hangs. */
    int awaitExit() throws InterruptedException {
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("the build did not end within 300 s:\n" + output());
      }
      return process.exitValue();
    }
  }
}
