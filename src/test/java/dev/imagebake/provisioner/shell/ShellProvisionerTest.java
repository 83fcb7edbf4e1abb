package dev.imagebake.provisioner.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.shell.ScriptFailedException;
import dev.imagebake.testing.LocalCommunicator;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell provisioner's logic against a communicator double running local {@code /bin/sh}. */
class ShellProvisionerTest {
  private static final Duration RETRY_DELAY = Duration.ofMillis(5);
  private static final Map<String, String> BUILD_DATA = Map.of("Host", "127.0.0.1", "ID", "Null");

  @TempDir Path dir;
  private Path home;
  private Path remote;
  private TestBuildContext ctx;
  private LocalCommunicator comm;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectory(dir.resolve("home"));
    remote = Files.createDirectory(dir.resolve("remote"));
    ctx = TestBuildContext.in(dir).withBuild("local", "null");
    comm = new LocalCommunicator(home);
  }

  private ShellProvisioner provisioner(Map<String, Object> keys) {
    Map<String, Object> all = new HashMap<>(keys);
    all.putIfAbsent("remote_folder", remote.toString());
    return new ShellProvisioner(Configs.of(ShellConfig.class, all), RETRY_DELAY);
  }

  private ShellProvisioner run(Map<String, Object> keys) throws Exception {
    ShellProvisioner p = provisioner(keys);
    p.provision(ctx, comm, BUILD_DATA);
    return p;
  }

  @Test
  void inlineRunsAsOneScriptWithPackersObservableEnvironment() throws Exception {
    ShellProvisioner p =
        run(
            Map.of(
                "inline",
                List.of(
                    "echo \"0=$0\"",
                    "echo \"pwd=$(pwd)\"",
                    "echo \"FOO=$FOO\" \"BAR=$BAR\" \"BN=$PACKER_BUILD_NAME\"",
                    "echo HOST={{build `Host`}}"),
                "environment_vars",
                List.of("FOO=it's a \"test\"", "BAR=$HOME")));

    assertThat(ctx.ui().messages())
        .containsExactly(
            "0=" + p.remotePath(),
            "pwd=" + home,
            "FOO=it's a \"test\" BAR=$HOME BN=local",
            "HOST=127.0.0.1");
    assertThat(p.remotePath()).matches(remote + "/script_\\d{1,4}\\.sh");
    assertThat(ctx.ui().said())
        .singleElement()
        .asString()
        .startsWith("Provisioning with shell script: ")
        .contains("packer-shell");
    String localTemp =
        ctx.ui().said().get(0).substring("Provisioning with shell script: ".length());
    assertThat(Path.of(localTemp)).doesNotExist();
    assertThat(Path.of(p.remotePath())).doesNotExist();
    assertThat(comm.uploads())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(new String(u.content())).startsWith("#!/bin/sh -e\necho \"0=$0\"\n");
              assertThat(u.mode()).isEqualTo(0600);
            });
    assertThat(comm.commands()).hasSize(1);
    assertThat(comm.commands().get(0))
        .contains("chmod a=,u=rwx,+x " + p.remotePath() + "\n")
        .contains("(BAR='$HOME' FOO='it'\"'\"'s a \"test\"'")
        .contains("rm -f " + p.remotePath());
  }

  @Test
  void inlineShebangAppliesAndFailingLineStopsTheDefaultOne() throws Exception {
    run(Map.of("inline", List.of("false", "echo not reached"), "valid_exit_codes", List.of(1)));
    assertThat(ctx.ui().messages()).isEmpty();
    run(
        Map.of(
            "inline",
            List.of("echo $0 >/dev/null; ps -o args= -p $$"),
            "inline_shebang",
            "/bin/sh -x"));
    assertThat(ctx.ui().messages()).singleElement().asString().startsWith("/bin/sh -x ");
  }

  @Test
  void scriptsRunInOrderFromTheSameRemotePath() throws Exception {
    Files.writeString(dir.resolve("a.sh"), "#!/bin/sh\necho a $0\n");
    Files.writeString(dir.resolve("b.sh"), "#!/bin/sh\necho b $0\n");
    ShellProvisioner p = run(Map.of("scripts", List.of("a.sh", "b.sh")));
    assertThat(ctx.ui().said())
        .containsExactly(
            "Provisioning with shell script: a.sh", "Provisioning with shell script: b.sh");
    assertThat(ctx.ui().messages()).containsExactly("a " + p.remotePath(), "b " + p.remotePath());
    assertThat(comm.uploads())
        .extracting(LocalCommunicator.Upload::path)
        .containsExactly(p.remotePath(), p.remotePath());
    assertThat(comm.commands()).hasSize(2);
  }

  @Test
  void stderrGoesToErrorLines() throws Exception {
    run(Map.of("inline", List.of("echo oops >&2")));
    assertThat(ctx.ui().errors()).containsExactly("oops");
  }

  @Test
  void disallowedExitCodeFailsWithPackersMessage() throws Exception {
    ShellProvisioner p = provisioner(Map.of("inline", List.of("exit 3")));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .isInstanceOf(ScriptFailedException.class)
        .hasMessage("Script exited with non-zero exit status: 3.Allowed exit codes are: [0]");
    assertThat(Path.of(p.remotePath())).doesNotExist();
  }

  @Test
  void validExitCodesAllowOthers() throws Exception {
    run(Map.of("inline", List.of("exit 3"), "valid_exit_codes", List.of(0, 3)));
    ShellProvisioner p =
        provisioner(Map.of("inline", List.of("exit 0"), "valid_exit_codes", List.of(3, 4)));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .hasMessage("Script exited with non-zero exit status: 0.Allowed exit codes are: [3 4]");
  }

  @Test
  void customExecuteCommandIsRenderedAndCleanedUpAfterEvenWhenItExits() throws Exception {
    ShellProvisioner p =
        provisioner(
            Map.of(
                "inline", List.of("echo \"in script $X\""),
                "environment_vars", List.of("X=1"),
                "execute_command", "echo 'vars:{{.Vars}}'; {{.Vars}} sh {{.Path}}; exit 7 # done"));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .hasMessageContaining("exit status: 7.");
    assertThat(ctx.ui().messages())
        .containsExactly(
            "vars:IMAGEBAKE_BUILDER_TYPE=null IMAGEBAKE_BUILD_NAME=local PACKER_BUILDER_TYPE=null"
                + " PACKER_BUILD_NAME=local X=1 ",
            "in script 1");
    assertThat(Path.of(p.remotePath())).doesNotExist();
  }

  @Test
  void skipCleanLeavesTheScript() throws Exception {
    ShellProvisioner p = run(Map.of("inline", List.of("true"), "skip_clean", true));
    assertThat(Path.of(p.remotePath())).exists().isExecutable();
    assertThat(comm.commands()).singleElement().asString().doesNotContain("rm -f");
  }

  @Test
  void remotePathAndFileAreHonoured() throws Exception {
    String path = remote.resolve("mine.sh").toString();
    ShellProvisioner p = run(Map.of("inline", List.of("echo $0"), "remote_path", path));
    assertThat(ctx.ui().messages()).containsExactly(path);
    ShellProvisioner q = provisioner(Map.of("inline", List.of("x"), "remote_file", "f.sh"));
    assertThat(q.remotePath()).isEqualTo(remote + "/f.sh");
    ShellProvisioner r =
        new ShellProvisioner(Configs.of(ShellConfig.class, Map.of("inline", List.of("x"))));
    assertThat(r.remotePath()).matches("/tmp/script_\\d{1,4}\\.sh");
  }

  @Test
  void crlfBecomesLfUnlessBinary() throws Exception {
    Files.writeString(dir.resolve("crlf.sh"), "echo a\r\necho b\r\n");
    run(Map.of("script", "crlf.sh"));
    assertThat(ctx.ui().messages()).containsExactly("a", "b");
    assertThat(comm.uploads().get(0).content()).asString().isEqualTo("echo a\necho b\n");
    run(Map.of("script", "crlf.sh", "binary", true));
    assertThat(comm.uploads().get(1).content()).asString().isEqualTo("echo a\r\necho b\r\n");
  }

  @Test
  void envVarFileIsUploadedPrivateSourcedAndRemoved() throws Exception {
    ShellProvisioner p =
        run(
            Map.of(
                "inline", List.of("echo \"A=$A\""),
                "environment_vars", List.of("A=x y"),
                "use_env_var_file", true));
    assertThat(ctx.ui().messages()).containsExactly("A=x y");
    LocalCommunicator.Upload varFile = comm.uploads().get(0);
    assertThat(varFile.path()).matches(remote + "/varfile_\\d{1,4}\\.sh");
    assertThat(varFile.mode()).isEqualTo(0600);
    assertThat(new String(varFile.content())).contains("export A='x y'\n");
    assertThat(comm.commands())
        .singleElement()
        .asString()
        .contains("chmod 0600 " + varFile.path())
        .contains(". " + varFile.path() + " && " + p.remotePath())
        .contains("rm -f " + p.remotePath() + " " + varFile.path());
    assertThat(Path.of(varFile.path())).doesNotExist();
  }

  @Test
  void unexpectedDisconnectFails() throws Exception {
    ShellProvisioner p = provisioner(Map.of("inline", List.of("echo @@disconnect", "sleep 60")));
    // Packer 1.6.6's text, observed.
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .hasMessage(
            "Script disconnected unexpectedly. If you expected your script to disconnect, i.e."
                + " from a restart, you can try adding `\"expect_disconnect\": true` or"
                + " `\"valid_exit_codes\": [0, 2300218]` to the shell provisioner parameters.");
  }

  @Test
  void expectedDisconnectSucceedsAndCleansUpSeparately() throws Exception {
    ShellProvisioner p =
        run(Map.of("inline", List.of("echo @@disconnect", "sleep 60"), "expect_disconnect", true));
    assertThat(comm.commands()).hasSize(2);
    assertThat(comm.commands().get(1)).isEqualTo("rm -f " + p.remotePath());
    assertThat(Path.of(p.remotePath())).doesNotExist();
  }

  @Test
  void disconnectCodeInValidExitCodesIsAccepted() throws Exception {
    run(Map.of("inline", List.of("echo @@disconnect"), "valid_exit_codes", List.of(0, 2300218)));
    assertThat(comm.commands()).hasSize(2);
  }

  @Test
  void uploadAndStartAreRetriedUntilTheyWork() throws Exception {
    comm.failUploads(2).failRuns(1);
    run(Map.of("inline", List.of("echo done")));
    assertThat(ctx.ui().messages()).containsExactly("done");
    assertThat(ctx.cancellation().sleeps()).containsExactly(RETRY_DELAY, RETRY_DELAY, RETRY_DELAY);
  }

  @Test
  void retriesStopAtTheStartRetryTimeout() throws Exception {
    comm.failUploads(Integer.MAX_VALUE);
    ShellProvisioner p =
        provisioner(
            Map.of("inline", List.of("echo x"), "start_retry_timeout", Duration.ofNanos(1)));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .isInstanceOf(ScriptFailedException.class)
        .hasMessage("Error uploading script: connection reset");
  }

  @Test
  void cancellationEndsTheRetries() throws Exception {
    comm.failUploads(Integer.MAX_VALUE);
    ctx.cancellation().cancel();
    ShellProvisioner p = provisioner(Map.of("inline", List.of("echo x")));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .isInstanceOf(CancelledException.class);
    assertThat(comm.commands()).isEmpty();
  }

  @Test
  void pauseAfterSaysAndSleeps() throws Exception {
    run(Map.of("inline", List.of("true"), "pause_after", Duration.ofMillis(1)));
    assertThat(ctx.ui().said()).last().isEqualTo("Pausing 1ms after this provisioner...");
    assertThat(ctx.cancellation().sleeps()).containsExactly(Duration.ofMillis(1));
  }

  @Test
  void renderErrorsNameTheKey() throws Exception {
    ShellProvisioner p =
        provisioner(Map.of("inline", List.of("true"), "execute_command", "{{fail}}"));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .hasMessageStartingWith("Error processing command: ")
        .hasMessageContaining("function \"fail\" not defined");
    ShellProvisioner q = provisioner(Map.of("inline", List.of("{{fail}}")));
    assertThatThrownBy(() -> q.provision(ctx, comm, BUILD_DATA))
        .hasMessageStartingWith("Error interpolating Inline: ")
        .hasMessageContaining("function \"fail\" not defined");
  }
}
