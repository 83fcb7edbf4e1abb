package dev.imagebake.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestCommandsTest {
  @TempDir Path dir;

  @Test
  void plainPathsStayBareOthersAreQuoted() {
    assertThat(GuestCommands.quote("/tmp/packer-chef-solo")).isEqualTo("/tmp/packer-chef-solo");
    assertThat(GuestCommands.quote("/tmp/it's here")).isEqualTo("'/tmp/it'\"'\"'s here'");
    assertThat(GuestCommands.quote("~/my dir")).isEqualTo("~/'my dir'");
    assertThat(new GuestCommands(true).removeDir("/tmp/x")).isEqualTo("sudo rm -rf /tmp/x");
    assertThat(new GuestCommands(false).createDir("/tmp/x"))
        .isEqualTo("mkdir -p /tmp/x && chmod 0777 /tmp/x");
  }

  @Test
  void theStagingDirectoryCommandSaysWhetherItCreatedIt() throws Exception {
    Path staging = dir.resolve("it's staging");
    String command = new GuestCommands(false).createStagingDir(staging.toString());
    assertThat(sh(command)).isEqualTo("created\n");
    assertThat(Files.getPosixFilePermissions(staging)).hasSize(9);
    assertThat(sh(command)).isEmpty();
  }

  @Test
  void anInterruptedCommandRunsItsCleanupAndKeepsTheExitStatusOtherwise() throws Exception {
    Path staging = Files.createDirectories(dir.resolve("it's staging"));
    GuestCommands commands = new GuestCommands(false);
    Process done =
        new ProcessBuilder(
                "setsid",
                "sh",
                "-c",
                GuestCommands.stoppable("exit 3", commands.removeDir(staging.toString())))
            .start();
    assertThat(done.waitFor()).isEqualTo(3);
    assertThat(staging).exists();

    // setsid: the trap's kill -TERM 0 takes the process group, which must not be this JVM's.
    Process p =
        new ProcessBuilder(
                "setsid",
                "sh",
                "-c",
                GuestCommands.stoppable(
                    "echo started; sleep 81.5", commands.removeDir(staging.toString())))
            .start();
    assertThat(new String(p.getInputStream().readNBytes(8))).isEqualTo("started\n");
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(staging).doesNotExist();
  }

  @Test
  void aSecondTermDuringTheCleanupDoesNotStopIt() throws Exception {
    // A cancelled build's TERM reaches the process group more than once (signal request, the
    // communicator's kill of the group, the session shell's trap): one arriving while the cleanup
    // runs must not kill the cleanup's processes, which are in that group.
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Path go = dir.resolve("go");
    assertThat(new ProcessBuilder("mkfifo", go.toString()).start().waitFor()).isZero();
    String cleanup = "sh -c \"echo cleaning; read x < " + go + "; rm -rf " + staging + "\"";
    Process p =
        new ProcessBuilder(
                "setsid", "sh", "-c", GuestCommands.stoppable("echo started; sleep 81.5", cleanup))
            .start();
    assertThat(new String(p.getInputStream().readNBytes(8))).isEqualTo("started\n");
    killGroup(p);
    assertThat(new String(p.getInputStream().readNBytes(9))).isEqualTo("cleaning\n");
    killGroup(p);
    // The cleanup still reads the fifo (a killed one would leave this writer blocked).
    Process release = new ProcessBuilder("sh", "-c", "echo go > " + go).start();
    assertThat(release.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(staging).doesNotExist();
  }

  private static void killGroup(Process p) throws Exception {
    // setsid made the shell the leader of its own group.
    new ProcessBuilder("kill", "-TERM", "--", "-" + p.pid()).start().waitFor();
  }

  private static String sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
