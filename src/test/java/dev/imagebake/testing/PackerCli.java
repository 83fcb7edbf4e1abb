package dev.imagebake.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the installed Packer 1.6.6 to produce reference outputs; skips the test without it. */
public final class PackerCli {
  private PackerCli() {}

  /** Runs {@code packer build template.json} in {@code dir}; returns its output. */
  public static String build(Path dir, String template) throws IOException, InterruptedException {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/local/bin/packer"))
            || Files.isExecutable(Path.of("/usr/bin/packer")),
        "packer is not installed");
    Files.writeString(dir.resolve("template.json"), template);
    ProcessBuilder pb =
        new ProcessBuilder(List.of("packer", "build", "-color=false", "template.json"))
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("packer build failed:\n" + out);
    }
    return out;
  }
}
