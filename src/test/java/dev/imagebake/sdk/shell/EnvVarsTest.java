package dev.imagebake.sdk.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvVarsTest {
  private static final Map<String, String> BASE =
      Map.of("PACKER_BUILD_NAME", "local", "PACKER_BUILDER_TYPE", "null");

  @Test
  void appendixACaseIsQuotedAndSortedAsPacker() {
    // The command line Packer 1.6.6 ran, from PACKER_LOG (reference §6.1).
    assertThat(
            EnvVars.flatten(
                BASE, List.of("FOO=it's a \"test\"", "BAR=$HOME", "Q=hi, there"), "%s='%s' "))
        .isEqualTo(
            "BAR='$HOME' FOO='it'\"'\"'s a \"test\"' PACKER_BUILDER_TYPE='null'"
                + " PACKER_BUILD_NAME='local' Q='hi, there' ");
  }

  @Test
  void userVariablesOverrideTheBuildOnes() {
    assertThat(EnvVars.flatten(BASE, List.of("PACKER_BUILD_NAME=mine"), "%s=%s;"))
        .isEqualTo("PACKER_BUILDER_TYPE=null;PACKER_BUILD_NAME=mine;");
  }

  @Test
  void valueIsSplitAtTheFirstEqualsSign() {
    assertThat(EnvVars.flatten(Map.of(), List.of("A=b=c", "E="), "%s='%s' "))
        .isEqualTo("A='b=c' E='' ");
  }

  @Test
  void envFileFormat() {
    assertThat(EnvVars.flatten(Map.of(), List.of("A=x y"), "export %s='%s'\n"))
        .isEqualTo("export A='x y'\n");
  }

  @Test
  void malformedRenderedValueFails() {
    assertThatThrownBy(() -> EnvVars.flatten(Map.of(), List.of("NOEQ"), "%s='%s' "))
        .hasMessage("Environment variable not in format 'key=value': NOEQ");
  }

  @Test
  void hostileValuesReachTheScriptUnchanged() throws Exception {
    String[] values = {
      "it's",
      "$(touch /tmp/pwned-imagebake)",
      "`id`",
      "two\nlines",
      "'",
      "''",
      "\\n",
      "a;b|c&d",
      "x'\"'\"'y",
      "$HOME",
      "*"
    };
    StringBuilder vars = new StringBuilder();
    StringBuilder kvs = new StringBuilder();
    List<String> userVars = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      userVars.add("V" + i + "=" + values[i]);
    }
    String flattened = EnvVars.flatten(Map.of(), userVars, "%s='%s' ");
    for (int i = 0; i < values.length; i++) {
      kvs.append("printf '%s\\0' \"$V").append(i).append("\"; ");
    }
    vars.append(flattened).append("sh -c '").append(kvs.toString().replace("'", "'\"'\"'"));
    vars.append("'");
    String out = sh(vars.toString());
    assertThat(out.split("\0", -1)).startsWith(values);
  }

  private static String sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
