package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code imagebake console} through bin/imagebake with piped input, as {@code echo '{{user "x"}}' |
 * packer console t.json} is used: every line evaluated with the template's variables, one result a
 * line (Packer 1.6.6 prints the last one only).
 */
class ConsoleIT {
  private static final Path DIR = Path.of("src/test/resources/console").toAbsolutePath();

  private static Launcher.Result console(String input, String args) throws Exception {
    return Launcher.exec(
        DIR,
        Map.of(),
        "bash",
        "-c",
        "printf '%s' \"$1\" | " + Launcher.BIN + " console " + args,
        "console",
        input);
  }

  @Test
  void evaluatesEachLineWithTheTemplatesVariables() throws Exception {
    Launcher.Result r =
        console("{{user `x`}}\n  {{user `y`}}  \nplain text\n\n{{template_dir}}\n", "vars.json");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("hello\nhello-w\nplain text\n\n" + DIR + "\n");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void varFlagsOverrideTheDefaults() throws Exception {
    Launcher.Result r = console("{{user `x`}}\n{{user `y`}}\n", "-var x=v vars.json");
    assertThat(r.stdout()).isEqualTo("v\nv-w\n");
  }

  @Test
  void withoutATemplateOnlyFunctionsWork() throws Exception {
    Launcher.Result r = console("{{ lower `AB` }}\n", "");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("ab\n");
  }

  @Test
  void anErrorIsPackersInterpolationErrorAndTheNextLinesStillRun() throws Exception {
    Launcher.Result r = console("{{ bad }}\n{{user `x`}}\nexit\n{{user `x`}}\n", "vars.json");
    assertThat(r.stderr())
        .isEqualTo(
            "???????: Interpolation error\n\ntemplate: root:1: function \"bad\" not defined\n\n\n");
    assertThat(r.stdout()).isEqualTo("hello\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void secretsAreMasked() throws Exception {
    Launcher.Result r = console("{{user `s`}}\nvariables\n", "vars.json");
    assertThat(r.all()).doesNotContain("hunter2-secret");
    assertThat(r.stdout()).startsWith("<sensitive>\n\nx: hello,\n");
  }

  @Test
  void anInvalidTemplateIsReportedWithItsPosition() throws Exception {
    Launcher.Result r = console("{{user `x`}}\n", "absent.json");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("absent.json");
  }
}
