package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) or SIGTERM in the middle of a remote command: the command is stopped on the
 * machine, every cleanup runs, and imagebake exits 130.
 */
class InterruptIT {
  private static OpenSshServer sshd;

  @TempDir Path work;

  @BeforeAll
  static void startSshd() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopSshd() {
    sshd.close();
  }

  @Test
  void sigintStopsTheRemoteCommandCleansUpAndExits130() throws Exception {
    interruptAndCheck("INT", "71.25");
  }

  @Test
  void sigtermDoesTheSame() throws Exception {
    interruptAndCheck("TERM", "72.25");
  }

  private void interruptAndCheck(String signal, String sleepMarker) throws Exception {
    Path template =
        Files.writeString(
            work.resolve("t.json"),
            """
            {"builders": [{"type": "null", "ssh_host": "%s", "ssh_port": %d,
                           "ssh_username": "%s", "ssh_private_key_file": "%s"}],
             "provisioners": [{"type": "shell", "inline": ["echo started", "sleep %s"]}],
             "post-processors": [{"type": "manifest", "output": "%s"}]}
            """
                .formatted(
                    sshd.host(),
                    sshd.port(),
                    sshd.user(),
                    sshd.clientKey(),
                    sleepMarker,
                    work.resolve("manifest.json")));
    Path out = work.resolve("out.txt");
    Process p =
        new ProcessBuilder(Launcher.BIN.toString(), "build", template.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    p.getOutputStream().close();
    awaitOutput(out, "started", p);
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("imagebake ends after the signal").isTrue();

    String output = Files.readString(out);
    assertThat(p.exitValue()).as(output).isEqualTo(130);
    assertThat(output).contains("Cleanly cancelled builds after being interrupted.");
    // Post-processors are skipped for a cancelled build; nothing was recorded.
    assertThat(work.resolve("manifest.json")).doesNotExist();
    // The remote command was stopped with its session, not left running on the machine.
    assertThat(remoteSleepers(sleepMarker)).isEmpty();
  }

  private static List<String> remoteSleepers(String marker) throws Exception {
    Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep " + marker).start();
    String pids = new String(pgrep.getInputStream().readAllBytes()).strip();
    pgrep.waitFor();
    return pids.isEmpty() ? List.of() : List.of(pids.split("\\s+"));
  }

  /** Waits (bounded) until the build printed {@code text}: the signal must land mid-command. */
  private static void awaitOutput(Path out, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.readString(out).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("build ended early:\n" + Files.readString(out));
      }
      Thread.onSpinWait();
      p.waitFor(20, TimeUnit.MILLISECONDS);
    }
    p.destroyForcibly();
    throw new AssertionError("no '" + text + "' within 60 s:\n" + Files.readString(out));
  }
}
