package dev.imagebake.sdk.shelllocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.shell.ScriptFailedException;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** shell-local run for real with the local /bin/sh. */
class ShellLocalRunnerTest {
  private static final Map<String, String> BUILD_DATA = Map.of("ID", "Null");

  @TempDir Path dir;
  private TestBuildContext ctx;

  @BeforeEach
  void setUp() {
    ctx = TestBuildContext.in(dir).withBuild("local", "null");
  }

  private void run(Map<String, Object> keys) throws Exception {
    run(keys, Goos.LINUX);
  }

  private void run(Map<String, Object> keys, Goos goos) throws Exception {
    new ShellLocalRunner(Configs.of(ShellLocalConfig.class, keys), goos).run(ctx, BUILD_DATA);
  }

  @Test
  void inlineRunsInTheWorkingDirectoryWithVariablesAndBuildData() throws Exception {
    run(
        Map.of(
            "inline",
            List.of(
                "echo \"PWD=$(pwd)\"",
                "echo \"$PACKER_BUILD_NAME $PACKER_BUILDER_TYPE\"",
                "echo \"A=$A\"",
                "echo \"ID={{build `ID`}} HOST={{build `Host`}}\"",
                "echo \"HOME set: ${HOME:+yes}\"",
                "echo oops >&2"),
            "environment_vars",
            List.of("A=it's `x` $(y) {{build `ID`}}")));
    assertThat(ctx.ui().messages())
        .containsExactly(
            "PWD=" + dir,
            "local null",
            "A=it's `x` $(y) Null",
            "ID=Null HOST=<no value>",
            "HOME set: yes");
    assertThat(ctx.ui().errors()).containsExactly("oops");
    assertThat(ctx.ui().said())
        .singleElement()
        .asString()
        .startsWith("Running local shell script: ")
        .contains("packer-shell");
    Path script =
        Path.of(ctx.ui().said().get(0).substring("Running local shell script: ".length()));
    assertThat(script).doesNotExist();
  }

  @Test
  void commandIsAOneLineInlineScriptWithTheShebang() throws Exception {
    run(Map.of("command", "echo $0; ps -o args= -p $$", "tempfile_extension", "sh"));
    List<String> out = ctx.ui().messages();
    assertThat(out.get(0)).matches(".*/packer-shell\\d+\\.sh");
    assertThat(out.get(1)).isEqualTo("/bin/sh -e " + out.get(0));
  }

  @Test
  void scriptsRunInPlaceByAbsolutePath() throws Exception {
    Files.writeString(dir.resolve("a.sh"), "echo a $0\n");
    Files.writeString(dir.resolve("b.sh"), "echo b\n");
    // Run in place, like Packer: a script that is not executable fails with 126.
    assertThatThrownBy(() -> run(Map.of("scripts", List.of("a.sh"))))
        .hasMessageContaining("exit status: 126.");
    ctx = TestBuildContext.in(dir).withBuild("local", "null");
    for (String s : List.of("a.sh", "b.sh")) {
      Files.setPosixFilePermissions(
          dir.resolve(s), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
    run(Map.of("scripts", List.of("a.sh", "b.sh")));
    assertThat(ctx.ui().said())
        .containsExactly(
            "Running local shell script: " + dir.resolve("a.sh"),
            "Running local shell script: " + dir.resolve("b.sh"));
    assertThat(ctx.ui().messages()).containsExactly("a " + dir.resolve("a.sh"), "b");
  }

  @Test
  void executeCommandIsAnArgvWithVarsScriptAndCommand() throws Exception {
    Files.writeString(dir.resolve("s.sh"), "echo hi\n");
    run(
        Map.of(
            "script", "s.sh",
            "environment_vars", List.of("Z=1"),
            "execute_command",
                List.of("/bin/echo", "{{.Vars}}", "{{.Script}}", "{{.Command}}", "two words")));
    String abs = dir.resolve("s.sh").toString();
    // {{.Vars}} stands for nothing: the variables are in the environment.
    assertThat(ctx.ui().messages()).containsExactly(abs + " " + abs + " two words");
  }

  @Test
  void variablesAreInTheEnvironmentNotOnTheCommandLine() throws Exception {
    // A shell that stays (no exec of the script): its command line is what ps shows.
    run(
        Map.of(
            "inline",
            List.of(
                "tr '\\0' ' ' < /proc/$PPID/cmdline; echo",
                "echo \"got=$TOKEN $PACKER_BUILD_NAME\""),
            "environment_vars",
            List.of("TOKEN=s3cr3t-{{build `ID`}}"),
            "execute_command",
            List.of("/bin/sh", "-c", "{{.Vars}} {{.Script}}; true")));
    List<String> out = ctx.ui().messages();
    assertThat(out.get(0))
        .startsWith("/bin/sh -c")
        .doesNotContain("s3cr3t")
        .doesNotContain("TOKEN");
    assertThat(out.get(1)).isEqualTo("got=s3cr3t-Null local");
  }

  @Test
  void envVarFormatIsAGoFormat() throws Exception {
    run(
        Map.of(
            "inline", List.of("echo \"$A\""),
            "environment_vars", List.of("A=x\"y"),
            "env_var_format", "%s=%q "));
    assertThat(ctx.ui().messages()).containsExactly("x\"y");
  }

  @Test
  void exitCodesAreChecked() throws Exception {
    assertThatThrownBy(() -> run(Map.of("command", "exit 3", "valid_exit_codes", List.of(0, 4))))
        .isInstanceOf(ScriptFailedException.class)
        .hasMessage("Script exited with non-zero exit status: 3.Allowed exit codes are: [0 4]");
    run(Map.of("command", "exit 4", "valid_exit_codes", List.of(0, 4)));
    // An empty list means the default [0], as Packer 1.6.6 does.
    run(Map.of("command", "exit 0", "valid_exit_codes", List.of()));
  }

  @Test
  void aProgramThatCannotStartFails() {
    assertThatThrownBy(
            () -> run(Map.of("command", "true", "execute_command", List.of("/no/such/program"))))
        .isInstanceOf(ScriptFailedException.class)
        .hasMessageStartingWith("Error executing script: ");
  }

  @Test
  void onlyOnSkipsOtherSystems() throws Exception {
    run(Map.of("command", "echo ran", "only_on", List.of("darwin", "windows")));
    assertThat(ctx.ui().said()).containsExactly("Skipping shell-local due to runtime OS");
    assertThat(ctx.ui().messages()).isEmpty();
    run(Map.of("command", "echo ran", "only_on", List.of("linux")));
    assertThat(ctx.ui().messages()).containsExactly("ran");
  }

  @Test
  void outputLinesKeepOnlyTheTextAfterTheLastCarriageReturn() throws Exception {
    run(Map.of("command", "printf '10%%\\r50%%\\r100%%  \\n'"));
    assertThat(ctx.ui().messages()).containsExactly("100%");
  }

  @Test
  void standardInputIsEmpty() throws Exception {
    run(Map.of("command", "cat; echo end"));
    assertThat(ctx.ui().messages()).containsExactly("end");
  }

  @Test
  void cancellationKillsTheScriptAndItsChildren() throws Exception {
    CompletableFuture<Long> childPid = new CompletableFuture<>();
    ctx.ui()
        .onMessage(
            line -> {
              if (line.startsWith("child ")) {
                childPid.complete(Long.parseLong(line.substring(6)));
                ctx.cancellation().cancel();
              }
            });
    assertThatThrownBy(() -> run(Map.of("inline", List.of("sleep 300 &", "echo child $!", "wait"))))
        .isInstanceOf(CancelledException.class);
    long pid = childPid.get(10, TimeUnit.SECONDS);
    // Bounded, so a child that survived fails the test instead of hanging it.
    for (ProcessHandle h : ProcessHandle.of(pid).stream().toList()) {
      h.onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void windowsDefaults() {
    ShellLocalConfig config = Configs.of(ShellLocalConfig.class, Map.of("command", "x"));
    assertThat(config.argv(Goos.WINDOWS))
        .containsExactly("cmd", "/V", "/C", "{{.Vars}}", "call", "{{.Script}}");
    assertThat(config.extension(Goos.WINDOWS)).isEqualTo("cmd");
    assertThat(config.shebang(Goos.LINUX)).isEqualTo("/bin/sh -e");
  }
}
