package dev.imagebake.provisioner.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
            "chmod 0600 /tmp/v.sh\nchmod 0755 /tmp/s.sh\n(chmod +x /tmp/s.sh; /tmp/s.sh\n);"
                + " rc=$?; rm -f /tmp/s.sh /tmp/v.sh; exit $rc");
  }

  @Test
  void withoutCleanupTheExecuteCommandRunsAsIs() {
    assertThat(RemoteScriptCommand.of(List.of(), "/tmp/s.sh", "sudo /tmp/s.sh", List.of()))
        .isEqualTo("chmod 0755 /tmp/s.sh\nsudo /tmp/s.sh");
  }

  @Test
  void unusualPathsAreQuoted() {
    assertThat(RemoteScriptCommand.remove(List.of("/tmp/a b.sh", "~/it's.sh")))
        .isEqualTo("rm -f '/tmp/a b.sh' '~/it'\"'\"'s.sh'");
    assertThat(RemoteScriptCommand.quote("~/x.sh")).isEqualTo("~/x.sh");
  }
}
