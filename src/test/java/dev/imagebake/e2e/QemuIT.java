package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.BaseImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The qemu builder interrupted while the guest boots: Ctrl-C (SIGINT) kills QEMU, removes the
 * partial output directory and exits 130. (The successful build is in {@link TemplatesIT}.)
 */
@Tag("slow")
class QemuIT {
  @TempDir Path work;

  @Test
  void sigintDuringBootKillsQemuAndRemovesTheOutputDirectory() throws Exception {
    BaseImage image = BaseImage.get();
    Path out = work.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                Launcher.BIN.toString(),
                "build",
                "-var",
                "base_dir=" + image.dir(),
                "-var",
                "out=" + work.resolve("interrupted"),
                Launcher.HOME.resolve("templates/quickstart.json").toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    p.getOutputStream().close();
    awaitOutput(out, "Waiting for the guest's SSH server", p);
    assertThat(qemuOf(work)).as("QEMU runs while waiting for SSH").hasSize(1);

    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("imagebake ends after the signal").isTrue();

    String output = Files.readString(out);
    assertThat(p.exitValue()).as(output).isEqualTo(130);
    assertThat(output).contains("Deleting output directory...");
    assertThat(work.resolve("interrupted/disk")).doesNotExist();
    assertThat(qemuOf(work)).as("QEMU processes left").isEmpty();
  }

  /** QEMU processes whose command line names {@code dir} (this test's, nobody else's). */
  private static List<ProcessHandle> qemuOf(Path dir) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info().command().orElse("").contains("qemu-system")
                    && String.join(" ", h.info().arguments().orElse(new String[0]))
                        .contains(dir.toString()))
        .toList();
  }

  private static void awaitOutput(Path out, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (Files.readString(out).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("build ended early:\n" + Files.readString(out));
      }
      p.waitFor(20, TimeUnit.MILLISECONDS);
    }
    p.destroyForcibly();
    throw new AssertionError("no '" + text + "' within 120 s:\n" + Files.readString(out));
  }
}
