package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Ctrl-C (SIGINT) or SIGTERM in the middle of a remote command: every cleanup runs, imagebake exits
 * 130, and the command is stopped on the machine, as root (for whom OpenSSH refuses signal
 * requests) and as the unprivileged user {@code imagebake-test} that {@code .ci/run} creates
 * (skipped where it does not exist).
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

  @Test
  void anInterruptDuringCompressionStopsItAndRemovesThePartialOutput() throws Exception {
    // Random data at xz's default level runs for minutes here: the signal lands mid-stream.
    byte[] data = new byte[32 << 20];
    new java.util.Random(11).nextBytes(data);
    Files.write(work.resolve("big.img"), data);
    Path template =
        Files.writeString(
            work.resolve("t.json"),
            """
            {"builders": [{"type": "file", "source": "big.img", "target": "out/disk.img"}],
             "post-processors": [{"type": "compress", "output": "out/disk.img.xz"}]}
            """);
    Path out = work.resolve("out.txt");
    Process p = startBuild(template, out);
    awaitOutput(out, "Archiving out/disk.img with xz", p);
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("imagebake ends after the signal").isTrue();

    String output = Files.readString(out);
    assertThat(p.exitValue()).as(output).isEqualTo(130);
    assertThat(output).contains("Cleanly cancelled builds after being interrupted.");
    assertThat(work.resolve("out/disk.img.xz")).as(output).doesNotExist();
    // keep_input_artifact is false, but an interrupt destroys nothing: the image stays.
    assertThat(work.resolve("out/disk.img")).as(output).hasSize(data.length);
  }

  private static final String TEST_USER = "imagebake-test";

  private static boolean testUserExists() throws Exception {
    return new ProcessBuilder("id", TEST_USER).start().waitFor() == 0;
  }

  @Test
  void theRemoteCommandIsStoppedOnTheMachine() throws Exception {
    assumeTrue(testUserExists(), "no user " + TEST_USER + " to log in as (.ci/run creates it)");
    interruptAndCheck("INT", "73.25", TEST_USER);
    assertThat(remoteSleepers("73.25")).as("remote processes left running").isEmpty();
  }

  @Test
  void theRemoteCommandIsStoppedAndItsScriptRemovedWhateverTheUser() throws Exception {
    // sshd refuses signal requests for root: the stop must not depend on them.
    Path script = work.resolve("remote-script.sh");
    interruptAndCheck(
        "INT",
        """
        {"type": "shell", "inline": ["echo started", "sleep 75.25"], "remote_path": "%s"}
        """
            .formatted(script),
        "started",
        sshd.user());
    assertThat(remoteSleepers("75.25")).as("remote processes left running").isEmpty();
    assertThat(goneOnceTheTrapRan(script)).as("the uploaded script %s is removed", script).isTrue();
  }

  /**
   * Whether {@code file} is gone once the script's TERM trap had time to remove it: the trap runs
   * in the script's shell, which may still be at it when its children are already gone.
   */
  private static boolean goneOnceTheTrapRan(Path file) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (Files.exists(file) && System.nanoTime() < deadline) {
      // Polling while the trap takes effect, bounded above.
      new ProcessBuilder("sleep", "0.1").start().waitFor();
    }
    return !Files.exists(file);
  }

  /**
   * A provisioner's {@code timeout} stops the remote command and its process group and removes the
   * uploaded script, and the build fails with Packer's message instead of waiting for the command.
   */
  @Test
  void aProvisionerTimeoutStopsTheRemoteCommandAndRemovesItsScript() throws Exception {
    Path script = work.resolve("timed-out-script.sh");
    Path template =
        Files.writeString(
            work.resolve("t.json"),
            """
            {"builders": [%s],
             "provisioners": [{"type": "shell", "inline": ["echo started", "sleep 76.25"],
                               "remote_path": "%s", "timeout": "2s"}]}
            """
                .formatted(sshd.nullBuilder(), script));
    Path out = work.resolve("out.txt");
    Process p = startBuild(template, out);
    // Far less than the remote sleep: a build that waits for the command fails this.
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    String output = Files.readString(out);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    assertThat(ended).as("the build ends after the timeout:\n%s", output).isTrue();
    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .contains("Setting a 2s timeout for the next provisioner...")
        .contains("Cancelling provisioner after a timeout...")
        .contains("provisioner timed out after 2s");
    assertThat(remoteSleepers("76.25")).as("remote processes left running").isEmpty();
    assertThat(script).as("the uploaded script").doesNotExist();
  }

  @Test
  void anAnsiblePlaybookIsStoppedOnTheMachine() throws Exception {
    assumeTrue(testUserExists(), "no user " + TEST_USER + " to log in as (.ci/run creates it)");
    Path playbook =
        Files.writeString(
            work.resolve("sleep.yml"),
            """
            - hosts: all
              gather_facts: false
              tasks:
                - name: sleep for a while
                  command: sleep 74.25
            """);
    String staging = "imagebake-interrupt-" + System.nanoTime();
    try {
      interruptAndCheck(
          "INT",
          """
          {"type": "ansible-local", "playbook_file": "%s", "staging_directory": "~/%s"}
          """
              .formatted(playbook, staging),
          "TASK [sleep for a while]",
          TEST_USER);
      assertThat(remoteSleepers("74.25")).as("remote processes left running").isEmpty();
    } finally {
      new ProcessBuilder("rm", "-rf", "/home/" + TEST_USER + "/" + staging).start().waitFor();
    }
  }

  @Test
  void anInterruptEndsTheSleepProvisionerAtOnce() throws Exception {
    // An hour-long sleep: the build ends well within interruptAndCheck's bound only if the
    // interrupt cuts it short.
    interruptAndCheck(
        "INT",
        """
        {"type": "shell", "inline": ["echo started"]}, {"type": "sleep", "duration": "1h"}
        """,
        "started",
        sshd.user());
  }

  private void interruptAndCheck(String signal, String sleepMarker) throws Exception {
    interruptAndCheck(signal, sleepMarker, sshd.user());
  }

  private void interruptAndCheck(String signal, String sleepMarker, String user) throws Exception {
    interruptAndCheck(
        signal,
        """
        {"type": "shell", "inline": ["echo started", "sleep %s"]}
        """
            .formatted(sleepMarker),
        "started",
        user);
  }

  /** Builds with {@code provisioner} as {@code user}, signals when {@code started} shows. */
  private void interruptAndCheck(String signal, String provisioner, String started, String user)
      throws Exception {
    Path template =
        Files.writeString(
            work.resolve("t.json"),
            """
            {"builders": [%s],
             "provisioners": [%s],
             "post-processors": [{"type": "manifest", "output": "%s"}]}
            """
                .formatted(sshd.nullBuilder(user), provisioner, work.resolve("manifest.json")));
    Path out = work.resolve("out.txt");
    Process p = startBuild(template, out);
    awaitOutput(out, started, p);
    if (started.startsWith("TASK [")) {
      // Ansible shows a task before its module runs: wait for the remote command itself.
      awaitRemoteProcess("74.25", p);
    }
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("imagebake ends after the signal").isTrue();

    String output = Files.readString(out);
    assertThat(p.exitValue()).as(output).isEqualTo(130);
    assertThat(output).contains("Cleanly cancelled builds after being interrupted.");
    // Post-processors are skipped for a cancelled build; nothing was recorded.
    assertThat(work.resolve("manifest.json")).doesNotExist();
  }

  /** The remote command's processes; they end as the signal reaches them (bounded wait). */
  private static List<String> remoteSleepers(String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> found = pgrep(marker);
    while (!found.isEmpty() && System.nanoTime() < deadline) {
      new ProcessBuilder("sleep", "0.1").start().waitFor();
      found = pgrep(marker);
    }
    return found;
  }

  private static List<String> pgrep(String marker) throws Exception {
    Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep " + marker).start();
    String pids = new String(pgrep.getInputStream().readAllBytes()).strip();
    pgrep.waitFor();
    return pids.isEmpty() ? List.of() : List.of(pids.split("\\s+"));
  }

  /** Waits (bounded) until a remote {@code sleep <marker>} runs. */
  private static void awaitRemoteProcess(String marker, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (pgrep(marker).isEmpty()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no remote 'sleep " + marker + "' while the build ran");
      }
      p.waitFor(50, TimeUnit.MILLISECONDS);
    }
  }

  /** Starts {@code imagebake build template} in the work directory, all output into {@code out}. */
  private Process startBuild(Path template, Path out) throws java.io.IOException {
    Process p =
        new ProcessBuilder(Launcher.BIN.toString(), "build", template.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    p.getOutputStream().close();
    return p;
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
