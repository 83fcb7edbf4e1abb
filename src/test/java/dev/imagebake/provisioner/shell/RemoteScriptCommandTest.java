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
            "chmod 0600 /tmp/v.sh\nchmod 0700 /tmp/s.sh\n"
                + "trap 'trap \"\" TERM; rm -f /tmp/s.sh /tmp/v.sh; kill -TERM 0' TERM\n"
                + "(chmod +x /tmp/s.sh; /tmp/s.sh\n) &\n"
                + "wait $!; rc=$?; rm -f /tmp/s.sh /tmp/v.sh; exit $rc");
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
