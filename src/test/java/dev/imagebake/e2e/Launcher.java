package dev.imagebake.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged launcher ({@code bin/imagebake}) as a user would, capturing everything. */
final class Launcher {
  static final Path HOME = Path.of("").toAbsolutePath();
  static final Path BIN = HOME.resolve("bin/imagebake");

  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  private Launcher() {}

  static Result run(Path cwd, String... args) throws IOException, InterruptedException {
    return run(cwd, Map.of(), args);
  }

  static Result run(Path cwd, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return exec(cwd, env, BIN.toString(), args);
  }

  static Result exec(Path cwd, Map<String, String> env, String program, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(program);
    command.addAll(List.of(args));
    Path out = Files.createTempFile("imagebake-out", ".txt");
    Path err = Files.createTempFile("imagebake-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(cwd.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().put("NO_COLOR", "1");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
