package dev.imagebake.provisioner.shell;

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

class ShellCheckTest {
  @TempDir Path dir;
  private final ShellProvisionerFactory factory = new ShellProvisionerFactory();

  @BeforeEach
  void scripts() throws IOException {
    Files.writeString(dir.resolve("a.sh"), "echo a\n");
    Files.writeString(dir.resolve("b.sh"), "echo b\n");
  }

  private List<String> check(Map<String, ?> keys) {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    factory.check(Configs.of(ShellConfig.class, keys), check);
    return check.messages();
  }

  @Test
  void inlineAloneIsValid() {
    assertThat(check(Map.of("inline", List.of("echo hi")))).isEmpty();
  }

  @Test
  void existingScriptsAreValid() {
    assertThat(check(Map.of("script", "a.sh"))).isEmpty();
    assertThat(check(Map.of("scripts", List.of("a.sh", "b.sh")))).isEmpty();
  }

  @Test
  void nothingToRunIsAnError() {
    assertThat(check(Map.of()))
        .containsExactly("Either a script file or inline script must be specified.");
  }

  @Test
  void emptyInlineAndScriptsCountAsUnset() {
    assertThat(check(Map.of("inline", List.of(), "scripts", List.of())))
        .containsExactly("Either a script file or inline script must be specified.");
  }

  @Test
  void scriptAndScriptsTogetherOnlyChecksScript() {
    // Packer replaces scripts by [script], so only the script's existence is checked.
    assertThat(check(Map.of("script", "nope.sh", "scripts", List.of("x.sh"))))
        .containsExactly(
            "Only one of script or scripts can be specified.",
            "Bad script 'nope.sh': stat nope.sh: no such file or directory");
  }

  @Test
  void scriptAndInlineTogether() {
    assertThat(check(Map.of("script", "a.sh", "inline", List.of("x"))))
        .containsExactly("Only a script file or an inline script can be specified, not both.");
  }

  @Test
  void missingScriptsAreReportedEach() {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    factory.check(
        Configs.of(ShellConfig.class, Map.of("scripts", List.of("a.sh", "x.sh", "sub/y.sh"))),
        check);
    assertThat(check.errorProblems())
        .containsExactly(
            new Problem("scripts/1", "Bad script 'x.sh': stat x.sh: no such file or directory"),
            new Problem(
                "scripts/2", "Bad script 'sub/y.sh': stat sub/y.sh: no such file or directory"));
  }

  @Test
  void scriptUnderAFileIsNotADirectory() {
    assertThat(check(Map.of("script", "a.sh/x")))
        .containsExactly("Bad script 'a.sh/x': stat a.sh/x: not a directory");
  }

  @Test
  void environmentVariablesNeedAKeyAndAnEqualsSign() {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    factory.check(
        Configs.of(
            ShellConfig.class,
            Map.of(
                "inline", List.of("x"), "environment_vars", List.of("=x", "FOO", "OK=", "A=b=c"))),
        check);
    assertThat(check.errorProblems())
        .containsExactly(
            new Problem("environment_vars", "Environment variable not in format 'key=value': =x"),
            new Problem("environment_vars", "Environment variable not in format 'key=value': FOO"));
  }

  @Test
  void everyProblemIsReported() {
    assertThat(
            check(
                Map.of(
                    "script", "nope.sh",
                    "scripts", List.of("x.sh"),
                    "environment_vars", List.of("=x", "FOO"))))
        .hasSize(4);
  }

  @Test
  void factoryDescribesItself() {
    assertThat(factory.type()).isEqualTo("shell");
    assertThat(factory.configType()).isEqualTo(ShellConfig.class);
  }
}
