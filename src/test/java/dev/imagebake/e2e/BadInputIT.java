package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No input makes imagebake print a stack trace: each gets a located message and exit 1, through the
 * launcher as a user runs it.
 */
class BadInputIT {
  @TempDir Path work;

  private void assertCleanFailure(Launcher.Result r) {
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.stderr()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "build", "inspect"})
  void emptyFile(String command) throws Exception {
    Path t = Files.writeString(work.resolve("empty.json"), "");
    Launcher.Result r = Launcher.run(work, command, t.toString());
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("empty.json");
  }

  @Test
  void binaryGarbage() throws Exception {
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    Path t = Files.write(work.resolve("garbage.json"), junk);
    assertCleanFailure(Launcher.run(work, "validate", t.toString()));
  }

  @Test
  void fiftyMegabytesOfNesting() throws Exception {
    Path t = work.resolve("deep.json");
    byte[] open = "[".repeat(25 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    byte[] close = "]".repeat(25 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (var out = Files.newOutputStream(t)) {
      out.write(open);
      out.write(close);
    }
    Launcher.Result r = Launcher.run(work, "validate", t.toString());
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("deep.json:1:");
  }

  @Test
  void wrongTypesEverywhere() throws Exception {
    Path t =
        Files.writeString(
            work.resolve("types.json"),
            """
            {"variables": {"a": 5, "b": [1]},
             "builders": [{"type": "null", "ssh_port": {}, "ssh_pty": "yes", "ssh_timeout": "30"}],
             "provisioners": [{"type": "shell", "inline": 7, "pause_before": "abc"}],
             "post-processors": [5]}
            """);
    Launcher.Result r = Launcher.run(work, "validate", t.toString());
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("types.json:1:");
  }

  @Test
  void aDirectoryInsteadOfAFile() throws Exception {
    assertCleanFailure(Launcher.run(work, "validate", work.toString()));
  }

  @Test
  void anUnreadableFile() throws Exception {
    Path t = Files.writeString(work.resolve("secret.json"), "{}");
    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("---------"));
    Launcher.Result r = Launcher.run(work, "validate", t.toString());
    // root reads anything; the point is that neither case throws.
    assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void aMissingFile() throws Exception {
    Launcher.Result r = Launcher.run(work, "validate", "nope.json");
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("nope.json").contains("no such file or directory");
  }

  @Test
  void aBadFlagIsAUsageError() throws Exception {
    Launcher.Result r = Launcher.run(work, "validate", "-bogus", "x.json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("-bogus").doesNotContain("\tat ");
  }
}
