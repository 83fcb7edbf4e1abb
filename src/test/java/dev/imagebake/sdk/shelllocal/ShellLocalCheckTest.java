package dev.imagebake.sdk.shelllocal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.testing.RecordingConfigCheck;
import dev.imagebake.testing.RecordingConfigCheck.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellLocalCheckTest {
  private static final String TOO_MANY =
      "You may only specify one of the following options: Command, Inline, Script or Scripts."
          + " Please consolidate these options in your config.";

  @TempDir Path dir;

  @BeforeEach
  void scripts() throws IOException {
    Files.writeString(dir.resolve("a.sh"), "echo a\n");
  }

  private List<String> check(Map<String, ?> keys) {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    ShellLocalChecks.check(Configs.of(ShellLocalConfig.class, keys), check);
    return check.messages();
  }

  @Test
  void eachSourceAloneIsValid() {
    assertThat(check(Map.of("command", "echo hi"))).isEmpty();
    assertThat(check(Map.of("inline", List.of("echo hi")))).isEmpty();
    assertThat(check(Map.of("script", "a.sh"))).isEmpty();
    assertThat(check(Map.of("scripts", List.of("a.sh")))).isEmpty();
  }

  @Test
  void nothingToRun() {
    assertThat(check(Map.of()))
        .containsExactly("Command, Inline, Script and Scripts options cannot all be empty.");
    assertThat(check(Map.of("inline", List.of())))
        .containsExactly("Command, Inline, Script and Scripts options cannot all be empty.");
  }

  @Test
  void scriptScriptsAndInlineTogetherAsPacker() {
    // Observed with Packer 1.6.6: two "only one" errors and only x.sh is stat'ed.
    assertThat(
            check(
                Map.of(
                    "script", "nope.sh",
                    "scripts", List.of("x.sh"),
                    "inline", List.of("a"),
                    "environment_vars", List.of("=x", "FOO"))))
        .containsExactly(
            TOO_MANY,
            TOO_MANY,
            "Bad script 'x.sh': stat x.sh: no such file or directory",
            "Environment variable not in format 'key=value': =x",
            "Environment variable not in format 'key=value': FOO");
  }

  @Test
  void commandAndScriptTogetherAsPacker() {
    assertThat(check(Map.of("script", "nope.sh", "command", "x")))
        .containsExactly(TOO_MANY, "Bad script 'nope.sh': stat nope.sh: no such file or directory");
  }

  @Test
  void commandAndInlineTogether() {
    assertThat(check(Map.of("command", "x", "inline", List.of("y")))).containsExactly(TOO_MANY);
  }

  @Test
  void onlyOnNamesMustBeGoOperatingSystems() {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    ShellLocalChecks.check(
        Configs.of(
            ShellLocalConfig.class,
            Map.of("command", "x", "only_on", List.of("linuxx", "darwin", "windows"))),
        check);
    assertThat(check.errorProblems())
        .containsExactly(
            new Problem(
                "only_on",
                "Invalid OS specified in only_on: 'linuxx' Supported OS names: darwin, freebsd,"
                    + " linux, openbsd, solaris, windows"));
  }

  @Test
  void linuxPathingRefusesInlineAndDrivelessPaths() {
    assertThat(check(Map.of("inline", List.of("echo"), "use_linux_pathing", true)))
        .containsExactly(
            "Packer is unable to use the Command and Inline features with the Windows Linux"
                + " Subsystem. Please use the Script or Scripts options instead");
    assertThat(check(Map.of("scripts", List.of("a.sh"), "use_linux_pathing", true)))
        .containsExactly(
            "There was an error splitting your absolute path; expected to find a drive following"
                + " the format ':/' but did not: absolute path: "
                + dir.resolve("a.sh"));
  }

  @Test
  void linuxPathsConvertDrives() {
    assertThat(LinuxPaths.convert("C:\\Users\\me\\s.sh")).isEqualTo("/mnt/c/Users/me/s.sh");
  }

  @Test
  void goosNamesFromJava() {
    assertThat(Goos.fromOsName("Linux")).isEqualTo(Goos.LINUX);
    assertThat(Goos.fromOsName("Mac OS X")).isEqualTo(Goos.DARWIN);
    assertThat(Goos.fromOsName("Windows 11")).isEqualTo(Goos.WINDOWS);
    assertThat(Goos.fromOsName("FreeBSD")).isEqualTo(Goos.FREEBSD);
    assertThat(Goos.fromOsName("SunOS")).isEqualTo(Goos.SOLARIS);
    assertThat(Goos.fromOsName("AIX")).isEqualTo(Goos.OTHER);
  }
}
