package dev.imagebake.provisioner.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteScriptCommandTest {
  @Test
  void foldsChmodExecuteAndCleanupIntoOneCommand() {
    assertThat(
            RemoteScriptCommand.of(
                List.of("/tmp/v.sh"),
                "/tmp/s.sh",
                "chmod +x /tmp/s.sh; /tmp/s.sh",
                List.of("/tmp/s.sh", "/tmp/v.sh")))
        .isEqualTo(
            "chmod 0600 /tmp/v.sh\nchmod a=,u=rwx,+x /tmp/s.sh\n"
                + "trap 'trap \"\" TERM; rm -f /tmp/s.sh /tmp/v.sh; kill -TERM 0' TERM\n"
                + "(/tmp/s.sh\n) &\n"
                + "wait $!; rc=$?; rm -f /tmp/s.sh /tmp/v.sh; exit $rc");
  }

  @Test
  void theDefaultChmodIsFoldedOnlyWhenItNamesTheScriptByTheSameUnquotedText() {
    assertThat(
            RemoteScriptCommand.of(List.of(), "/tmp/a b.sh", "chmod +x /tmp/a b.sh; x", List.of()))
        .startsWith("chmod 0700 '/tmp/a b.sh'\n")
        .contains("(chmod +x /tmp/a b.sh; x\n)");
    assertThat(RemoteScriptCommand.of(List.of(), "/tmp/s.sh", "chmod +x /tmp/s.sh && x", List.of()))
        .startsWith("chmod 0700 /tmp/s.sh\n")
        .contains("(chmod +x /tmp/s.sh && x\n)");
    assertThat(RemoteScriptCommand.of(List.of(), "/tmp/s.sh", "chmod +x /tmp/s.shx; x", List.of()))
        .startsWith("chmod 0700 /tmp/s.sh\n");
  }

  @Test
  void theFoldedChmodLeavesTheModeTheTwoChmodsLeft(@TempDir Path dir) throws Exception {
    // From the upload's 0600 (and from any other mode, special bits included), under the umasks
    // a session may have: chmod 0700 then the execute command's chmod +x, against the folded one.
    for (String umask : List.of("022", "077", "002", "027")) {
      for (String from : List.of("600", "7777", "1644")) {
        Path two = dir.resolve("two.sh");
        Path one = dir.resolve("one.sh");
        String script =
            "umask "
                + umask
                + "; for f in two.sh one.sh; do : >$f; chmod "
                + from
                + " $f; done; chmod 0700 two.sh; chmod +x two.sh; "
                + RemoteScriptCommand.of(List.of(), "one.sh", "chmod +x one.sh; true", List.of())
                    .lines()
                    .findFirst()
                    .orElseThrow()
                + "; stat -c %a two.sh one.sh";
        Process sh = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).start();
        List<String> modes =
            new BufferedReader(new InputStreamReader(sh.getInputStream())).lines().toList();
        assertThat(sh.waitFor()).isZero();
        assertThat(modes).as("umask %s from %s", umask, from).hasSize(2);
        assertThat(modes.get(1)).as("umask %s from %s", umask, from).isEqualTo(modes.get(0));
        Files.delete(two);
        Files.delete(one);
      }
    }
  }

  @Test
  void withoutCleanupNothingIsRemoved() {
    assertThat(RemoteScriptCommand.of(List.of(), "/tmp/s.sh", "sudo /tmp/s.sh", List.of()))
        .isEqualTo(
            "chmod 0700 /tmp/s.sh\ntrap 'trap - TERM; kill -TERM 0' TERM\n"
                + "(sudo /tmp/s.sh\n) &\nwait $!; rc=$?; exit $rc");
  }

  @Test
  void aTermRemovesTheUploadedFilesEvenWithQuotesInTheirNames(@TempDir Path dir) throws Exception {
    Path script = Files.writeString(dir.resolve("it's here.sh"), "#!/bin/sh\nsleep 30\n");
    String command =
        RemoteScriptCommand.of(
            List.of(), script.toString(), "echo started; sleep 30", List.of(script.toString()));
    // Its own session (setsid): the trap ends with a TERM to the whole process group.
    Process sh = new ProcessBuilder("setsid", "sh", "-c", command).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(sh.getInputStream()));
    assertThat(out.readLine()).isEqualTo("started");
    new ProcessBuilder("kill", "-TERM", Long.toString(sh.pid())).start().waitFor();
    assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(script).doesNotExist();
  }

  @Test
  void unusualPathsAreQuoted() {
    assertThat(RemoteScriptCommand.remove(List.of("/tmp/a b.sh", "~/it's.sh")))
        .isEqualTo("rm -f '/tmp/a b.sh' '~/it'\"'\"'s.sh'");
    assertThat(RemoteScriptCommand.quote("~/x.sh")).isEqualTo("~/x.sh");
  }
}
