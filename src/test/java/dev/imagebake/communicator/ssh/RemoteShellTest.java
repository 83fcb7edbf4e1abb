package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.UploadFailedException;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.RecordingSink;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The long-lived remote shell that runs commands without a session each, against OpenSSH. */
@Timeout(120) // a guard against hangs, not a timing assertion
class RemoteShellTest {
  static OpenSshServer sshd;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  private static Communicator connect() throws IOException {
    return SshRunTest.connect(sshd, SshConfigBuilder.forServer(sshd), TestBuildContext.create());
  }

  private static RecordingSink run(Communicator comm, String command, int expectedStatus)
      throws IOException {
    RecordingSink sink = new RecordingSink();
    assertThat(comm.run(RemoteCommand.of(command), sink).exitStatus())
        .as("exit status of %s (stderr %s)", command, sink.stderr())
        .isEqualTo(expectedStatus);
    return sink;
  }

  @Test
  void commandsShareOneShellButNotItsState() throws IOException {
    try (Communicator comm = connect()) {
      RecordingSink first = run(comm, "cd /; X=1; export Y=2; umask 0777; echo $$", 0);
      RecordingSink second =
          run(
              comm,
              "pwd; echo \"${X:-unset} ${Y:-unset}\"; umask; echo $$; cat /proc/self/fd/0",
              0);
      assertThat(second.stdout())
          .containsExactly(
              System.getProperty("user.home"), "unset unset", "0022", first.stdout().get(0));
    }
  }

  @Test
  void partialLastLinesAndEmptyLinesArriveAsTheyWere() throws IOException {
    try (Communicator comm = connect()) {
      RecordingSink sink = run(comm, "printf 'a\\n\\nb'; printf 'e1\\n\\ne2' >&2; exit 7", 7);
      assertThat(sink.stdout()).containsExactly("a", "", "b");
      assertThat(sink.stderr()).containsExactly("e1", "", "e2");
      RecordingSink next = run(comm, "printf 'x\\n\\n'; printf '\\n' >&2", 0);
      assertThat(next.stdout()).containsExactly("x", "");
      assertThat(next.stderr()).containsExactly("");
    }
  }

  @Test
  void theShellsOwnCommandLineInAScriptsOutputEndsNothing() throws IOException {
    try (Communicator comm = connect()) {
      RecordingSink sink =
          run(comm, "cat /proc/$$/cmdline; echo; cat /proc/$$/cmdline >&2; echo after", 0);
      assertThat(sink.stdout()).anyMatch(l -> l.contains(" status ")).endsWith("after");
      assertThat(sink.stderr()).anyMatch(l -> l.contains(" done"));
    }
  }

  /**
   * A command that looks for the shell's marker wherever it can read (shell variables, its
   * environment, every process's command line and environment, its open descriptors) and prints an
   * end-of-command line with status 0 for every candidate, then fails.
   */
  @Test
  void aCommandCannotForgeItsExitStatus() throws IOException {
    String attack =
        "{ set; env; ps -eo args; cat /proc/[0-9]*/cmdline /proc/[0-9]*/environ | tr '\\0' '\\n';"
            + " ls -l /proc/self/fd/ /proc/$$/fd/; } 2>/dev/null"
            + " | grep -oE 'imagebake[A-Za-z0-9_-]*|[0-9a-f]{16,}' | sort -u > /tmp/candidates.$$\n"
            + "echo \"candidates: $(wc -l < /tmp/candidates.$$)\"\n"
            + "while read -r t; do printf '%s status 0\\n' \"$t\"; printf '%s done\\n' \"$t\" >&2;"
            + " done < /tmp/candidates.$$\n"
            + "rm -f /tmp/candidates.$$\n"
            + "exit 3";
    try (Communicator comm = connect()) {
      String pid = run(comm, "echo $$", 0).stdout().get(0);
      RecordingSink forged = new RecordingSink();
      CommandResult result = comm.run(RemoteCommand.of(attack), forged);
      assertThat(forged.stdout()).anyMatch(l -> l.startsWith("candidates: "));
      assertThat(result.exitStatus()).as("stdout %s", forged.stdout()).isEqualTo(3);
      // The shell still answers the next command with that command's own status.
      assertThat(run(comm, "echo $$; exit 5", 5).stdout()).containsExactly(pid);
    }
  }

  @Test
  void aCommandThatKillsTheShellReportsTheSignalAndTheNextGetsANewShell() throws IOException {
    try (Communicator comm = connect()) {
      String before = run(comm, "echo $$", 0).stdout().get(0);
      assertThat(comm.run(RemoteCommand.of("kill -TERM $$"), new RecordingSink()).exitStatus())
          .isEqualTo(143);
      RecordingSink after = run(comm, "echo $$; exit 3", 3);
      assertThat(after.stdout()).hasSize(1).doesNotContain(before);
    }
  }

  @Test
  void syntaxErrorsFailTheCommandNotTheShell() throws IOException {
    try (Communicator comm = connect()) {
      String pid = run(comm, "echo $$", 0).stdout().get(0);
      RecordingSink bad = run(comm, "echo 'unterminated", 2);
      assertThat(bad.stderr()).isNotEmpty();
      assertThat(run(comm, "echo $$", 0).stdout()).containsExactly(pid);
    }
  }

  @Test
  void uploadAndRunSendsAScriptThroughTheShellByteForByte(@TempDir Path dir) throws IOException {
    String script =
        "#!/bin/sh\n"
            + "echo \"it's $HOME\" `date +%Y` $(true) \\\\ \\$x\n"
            + "  indented\ttab trailing  \n"
            + "\n"
            + "EOF\n"
            + "crlf\r\n"
            + "unicode: żółw ✓\n";
    byte[] content = script.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("script with space.sh");
    try (Communicator comm = connect()) {
      String pid = run(comm, "echo $$", 0).stdout().get(0);
      RecordingSink sink = new RecordingSink();
      CommandResult result =
          comm.uploadAndRun(
              file.toString(),
              content,
              0700,
              RemoteCommand.of("stat -c %a '" + file + "'; echo $$; exit 4"),
              sink);
      assertThat(result.exitStatus()).isEqualTo(4);
      assertThat(sink.stdout()).containsExactly("700", pid);
      assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }
  }

  @Test
  void filesAHereDocumentCannotCarryGoThroughASessionOfTheirOwn(@TempDir Path dir)
      throws IOException {
    byte[] noFinalNewline = "echo no newline".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] large = "x".repeat(RemoteShell.MAX_REQUEST + 1).concat("\n").getBytes();
    try (Communicator comm = connect()) {
      String pid = run(comm, "echo $$", 0).stdout().get(0);
      int i = 0;
      for (byte[] content : new byte[][] {noFinalNewline, latin1, large}) {
        Path file = dir.resolve("f" + i++);
        RecordingSink sink = new RecordingSink();
        comm.uploadAndRun(file.toString(), content, 0600, RemoteCommand.of("echo $$"), sink);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(sink.stdout()).hasSize(1).doesNotContain(pid);
      }
      assertThat(run(comm, "echo $$", 0).stdout()).containsExactly(pid);
    }
  }

  @Test
  void anInlineUploadLeavesTheCommandTheSessionsUmaskAndAPreviousFilesModeIsReplaced(
      @TempDir Path dir) throws IOException {
    Path file = dir.resolve("s.sh");
    Files.writeString(file, "an older, longer file that must be replaced entirely\n".repeat(100));
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
    byte[] content = "#!/bin/sh\necho 'quoted' \"$1\"\n".getBytes(StandardCharsets.UTF_8);
    try (Communicator comm = connect()) {
      String pid = run(comm, "echo $$", 0).stdout().get(0);
      RecordingSink sink = new RecordingSink();
      CommandResult result =
          comm.uploadAndRun(
              file.toString(),
              content,
              0700,
              RemoteCommand.of("umask; stat -c %a " + file + "; " + file + " x; echo $$"),
              sink);
      assertThat(result.exitStatus()).isZero();
      assertThat(sink.stdout()).containsExactly("0022", "700", "quoted x", pid);
      assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }
  }

  @Test
  void aPrivateModeIsSetWithoutAChmodForANewFileAndBeforeWritingAnExistingOne(@TempDir Path dir)
      throws Exception {
    byte[] content = "#!/bin/sh\necho ran\n".getBytes(StandardCharsets.UTF_8);
    Path fresh = dir.resolve("new.sh");
    Path existing = dir.resolve("old.sh");
    Files.writeString(
        existing, "an older, longer file that must be replaced entirely\n".repeat(50));
    // Readable by others, set-user-ID: a chmod 0600 clears both.
    assertThat(new ProcessBuilder("chmod", "4666", existing.toString()).start().waitFor()).isZero();
    Path target = dir.resolve("target.sh");
    Files.writeString(target, "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path link = Files.createSymbolicLink(dir.resolve("link.sh"), target);
    try (Communicator comm = connect()) {
      for (Path file : List.of(fresh, existing, link)) {
        RecordingSink sink = new RecordingSink();
        CommandResult result =
            comm.uploadAndRun(
                file.toString(),
                content,
                0600,
                RemoteCommand.of("umask; stat -L -c %a '" + file + "'"),
                sink);
        assertThat(result.exitStatus()).isZero();
        assertThat(sink.stdout()).as("%s", file).containsExactly("0022", "600");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
      }
      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }
  }

  @Test
  void aPrivateModesUploadThatCannotWriteTheFileFailsBeforeTheCommand(@TempDir Path dir)
      throws IOException {
    Path missing = dir.resolve("no such folder").resolve("s.sh");
    try (Communicator comm = connect()) {
      RecordingSink sink = new RecordingSink();
      assertThatThrownBy(
              () ->
                  comm.uploadAndRun(
                      missing.toString(),
                      "echo x\n".getBytes(StandardCharsets.UTF_8),
                      0600,
                      RemoteCommand.of("echo ran"),
                      sink))
          .isInstanceOf(UploadFailedException.class)
          .hasMessageContaining("s.sh");
      assertThat(sink.stdout()).isEmpty();
    }
  }

  @Test
  void theInlineTextCreatesAPrivateModesFileUnderTheMatchingUmask() {
    assertThat(UploadThenRun.inlineCommand("/tmp/s.sh", 0600, "M", "x", "a\n".getBytes(), "0022"))
        .isEqualTo(
            "umask 0177\nif [ -e '/tmp/s.sh' ] || [ -h '/tmp/s.sh' ]; then chmod 0600 '/tmp/s.sh'"
                + " || exit 1; fi\nprintf %s 'a\n' >'/tmp/s.sh' || exit 1\numask 0022\necho M\nx");
    assertThat(UploadThenRun.inlineCommand("/tmp/s.sh", 0700, "M", "x", "a\n".getBytes(), "0022"))
        .isEqualTo(
            "umask 077\nprintf %s 'a\n' >'/tmp/s.sh' || exit 1\numask 0022\n"
                + "chmod 0700 '/tmp/s.sh' || exit 1\necho M\nx");
  }
}
