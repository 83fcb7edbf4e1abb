package dev.imagebake.provisioner.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.communicator.ssh.SshCommunicatorFactory;
import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.shell.ScriptFailedException;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import dev.imagebake.testing.TestCancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shell provisioner against a real OpenSSH server through the SSH communicator. */
class ShellSshTest {
  private static final Map<String, String> BUILD_DATA = Map.of("Host", "127.0.0.1", "ID", "Null");

  /** Kills the nearest sshd ancestor: the session process serving this command. */
  private static final String KILL_OWN_SESSION =
      "p=$$; while [ \"$p\" -gt 1 ]; do case \"$(cat /proc/$p/comm)\" in sshd*) kill -9 $p;"
          + " break;; esac; set -- $(cat /proc/$p/stat); p=$4; done";

  static OpenSshServer sshd;

  @TempDir Path dir;
  private Path remote;
  private TestBuildContext ctx;
  private Communicator comm;
  private TestBuildContext sshCtx;

  @BeforeAll
  static void startServer() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopServer() {
    sshd.stop();
  }

  @BeforeEach
  void connect() throws Exception {
    remote = Files.createDirectories(sshd.directory().resolve("remote-" + System.nanoTime()));
    ctx = TestBuildContext.in(dir).withBuild("local", "null");
    comm = connect("scp");
  }

  private Communicator connect(String transferMethod) throws Exception {
    sshCtx = TestBuildContext.create();
    return new SshCommunicatorFactory()
        .connect(
            SshConfigBuilder.forServer(sshd)
                .sshFileTransferMethod(transferMethod)
                .communicatorConfig(),
            ConnectTarget.fromConfig(),
            sshCtx);
  }

  @AfterEach
  void disconnect() {
    comm.close();
  }

  private ShellProvisioner provisioner(Map<String, Object> keys) {
    Map<String, Object> all = new HashMap<>(keys);
    all.putIfAbsent("remote_folder", remote.toString());
    return new ShellProvisioner(Configs.of(ShellConfig.class, all), Duration.ofMillis(50));
  }

  private ShellProvisioner run(Map<String, Object> keys) throws Exception {
    ShellProvisioner p = provisioner(keys);
    p.provision(ctx, comm, BUILD_DATA);
    return p;
  }

  /**
   * The remote folder's files once the script's TERM trap had time to remove them: the trap runs in
   * the script's shell, which may still be at it when its children are already gone.
   */
  private List<String> remoteFilesOnceTheTrapRan() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> files = remoteFiles();
    while (!files.isEmpty() && System.nanoTime() < deadline) {
      // Polling the folder while the trap takes effect, bounded above.
      new ProcessBuilder("sleep", "0.1").start().waitFor();
      files = remoteFiles();
    }
    return files;
  }

  private List<String> remoteFiles() {
    try (Stream<Path> files = Files.list(remote)) {
      return files.map(f -> f.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theRemoteScriptIsReadableByItsOwnerOnly() throws Exception {
    // Packer's default execute command (chmod +x) and a plain one: either way no other account
    // can read the rendered secret while the script runs.
    for (String execute : List.of("chmod +x {{.Path}}; {{.Vars}} {{.Path}}", "sh {{.Path}}")) {
      ctx = TestBuildContext.in(dir).withBuild("local", "null");
      run(Map.of("inline", List.of("stat -c %a \"$0\""), "execute_command", execute));
      int mode = Integer.parseInt(ctx.ui().messages().get(0), 8);
      assertThat(mode & 0066).as("group/other read or write bits of %o", mode).isZero();
    }
  }

  @Test
  void theScriptsModeIsTheOneTheUploadsChmodAndTheExecuteCommandsChmodLeave() throws Exception {
    // Packer runs chmod (0755 there, 0700 here) and then the execute command; whatever this folds,
    // the script must see the mode the two give in the same session, and a file that was already
    // there (mode 0666, set-user-ID) must end up the same.
    String expected =
        "f=$(mktemp); chmod 4666 $f; chmod 0700 $f; chmod +x $f; stat -c %a $f; rm -f $f";
    String plain = "f=$(mktemp); chmod 4666 $f; chmod 0700 $f; stat -c %a $f; rm -f $f";
    String existing = remote.resolve("existing.sh").toString();
    for (String remotePath : new String[] {null, existing}) {
      for (String execute :
          List.of(
              "chmod +x {{.Path}}; {{.Vars}} {{.Path}}",
              "chmod +x {{.Path}} && {{.Vars}} {{.Path}}",
              "sh {{.Path}}")) {
        if (remotePath != null) {
          Files.writeString(Path.of(remotePath), "old\n");
          assertThat(new ProcessBuilder("chmod", "4666", remotePath).start().waitFor()).isZero();
        }
        ctx = TestBuildContext.in(dir).withBuild("local", "null");
        Map<String, Object> keys = new HashMap<>();
        keys.put(
            "inline", List.of("stat -c %a \"$0\"", execute.startsWith("sh") ? plain : expected));
        keys.put("execute_command", execute);
        if (remotePath != null) {
          keys.put("remote_path", remotePath);
        }
        run(keys);
        List<String> modes = ctx.ui().messages();
        assertThat(modes).as("%s, %s", execute, remotePath).hasSize(2);
        assertThat(modes.get(0)).as("%s, %s", execute, remotePath).isEqualTo(modes.get(1));
      }
    }
    assertThat(remoteFiles()).isEmpty();
  }

  @Test
  void provisionersInARowShareTheShellAndStopAtTheFirstFailure() throws Exception {
    // Each provisioner's output arrives in order and whole before the next one starts; a failing
    // one leaves no file behind and nothing after it runs.
    for (int i = 1; i <= 5; i++) {
      run(Map.of("inline", List.of("echo out " + i, "echo err " + i + " >&2", "echo end " + i)));
    }
    ShellProvisioner failing =
        provisioner(Map.of("inline", List.of("echo before", "false", "echo after")));
    assertThatThrownBy(() -> failing.provision(ctx, comm, BUILD_DATA))
        .hasMessage("Script exited with non-zero exit status: 1.Allowed exit codes are: [0]");
    assertThat(remoteFiles()).isEmpty();
    run(Map.of("inline", List.of("echo next")));
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      expected.add("out " + i);
      expected.add("end " + i);
    }
    expected.add("before");
    expected.add("next");
    assertThat(ctx.ui().messages()).containsExactlyElementsOf(expected);
    assertThat(ctx.ui().errors()).containsExactly("err 1", "err 2", "err 3", "err 4", "err 5");
    assertThat(ctx.ui().said()).hasSize(7);
    assertThat(remoteFiles()).isEmpty();
  }

  @Test
  void inlineSeesPackersEnvironmentAndIsCleanedUp() throws Exception {
    ShellProvisioner p =
        run(
            Map.of(
                "inline",
                List.of(
                    "echo \"0=$0\"",
                    "ps -o args= -p $$",
                    "echo \"pwd=$(pwd)\"",
                    "echo \"FOO=$FOO\" \"BAR=$BAR\" \"Q=$Q\"",
                    "printf '%s|' \"$HOSTILE\"; echo",
                    "env | grep ^PACKER_ | sort",
                    "echo HOST={{build `Host`}}"),
                "environment_vars",
                List.of(
                    "FOO=it's a \"test\"",
                    "BAR=$HOME",
                    "Q=hi, there",
                    "HOSTILE=$(id) `id` 'q' \\ ;&|")));
    assertThat(ctx.ui().messages())
        .containsExactly(
            "0=" + p.remotePath(),
            "/bin/sh -e " + p.remotePath(),
            "pwd=" + System.getProperty("user.home"),
            "FOO=it's a \"test\" BAR=$HOME Q=hi, there",
            "$(id) `id` 'q' \\ ;&||",
            "PACKER_BUILDER_TYPE=null",
            "PACKER_BUILD_NAME=local",
            "HOST=127.0.0.1");
    assertThat(ctx.ui().errors()).isEmpty();
    assertThat(remoteFiles()).isEmpty();
  }

  @Test
  void scriptsRunInOrderWithCrlfConverted() throws Exception {
    Files.writeString(dir.resolve("a.sh"), "#!/bin/sh\r\necho a\r\n");
    Files.writeString(dir.resolve("b.sh"), "#!/bin/sh\necho b >&2\n");
    run(Map.of("scripts", List.of("a.sh", "b.sh")));
    assertThat(ctx.ui().said())
        .containsExactly(
            "Provisioning with shell script: a.sh", "Provisioning with shell script: b.sh");
    assertThat(ctx.ui().messages()).containsExactly("a");
    assertThat(ctx.ui().errors()).containsExactly("b");
    assertThat(remoteFiles()).isEmpty();
  }

  @Test
  void exitCodesAndValidExitCodes() throws Exception {
    ShellProvisioner failing = provisioner(Map.of("inline", List.of("exit 3")));
    assertThatThrownBy(() -> failing.provision(ctx, comm, BUILD_DATA))
        .hasMessage("Script exited with non-zero exit status: 3.Allowed exit codes are: [0]");
    run(Map.of("inline", List.of("exit 3"), "valid_exit_codes", List.of(0, 3)));
    assertThat(remoteFiles()).isEmpty();
  }

  @Test
  void sudoStyleExecuteCommandAndEnvVarFile() throws Exception {
    run(
        Map.of(
            "inline", List.of("echo \"A=$A\""),
            // Packer's sudo pattern only survives values without blanks or quotes.
            "environment_vars", List.of("A=xy"),
            "execute_command", "sh -c '{{ .Vars }} {{ .Path }}'"));
    run(
        Map.of(
            "inline", List.of("echo \"A=$A\""),
            "environment_vars", List.of("A=x 'y'"),
            "use_env_var_file", true));
    assertThat(ctx.ui().messages()).containsExactly("A=xy", "A=x 'y'");
    assertThat(remoteFiles()).isEmpty();
  }

  @Test
  void skipCleanKeepsTheScript() throws Exception {
    ShellProvisioner p = run(Map.of("inline", List.of("true"), "skip_clean", true));
    assertThat(remoteFiles()).containsExactly(Path.of(p.remotePath()).getFileName().toString());
  }

  @Test
  void aDroppedSessionWithoutExpectDisconnectFails() {
    ShellProvisioner p = provisioner(Map.of("inline", List.of(KILL_OWN_SESSION)));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .hasMessage(ShellProvisioner.UNEXPECTED_DISCONNECT);
  }

  @Test
  void expectDisconnectReconnectsToCleanUpAndGoesOn() throws Exception {
    run(Map.of("inline", List.of(KILL_OWN_SESSION), "expect_disconnect", true));
    assertThat(remoteFiles()).isEmpty();
    // The communicator is usable again for the next provisioner.
    run(Map.of("inline", List.of("echo after")));
    assertThat(ctx.ui().messages()).containsExactly("after");
  }

  @Test
  void cancellationEndsARunningScript() {
    ctx.ui()
        .onMessage(
            line -> {
              if (line.equals("started")) {
                // From another thread, as an interrupt handler would.
                new Thread(
                        () -> {
                          sshCtx.cancellation().cancel("interrupted");
                          ctx.cancellation().cancel();
                        })
                    .start();
              }
            });
    ShellProvisioner p = provisioner(Map.of("inline", List.of("echo started", "sleep 300")));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .isInstanceOf(CancelledException.class);
  }

  /**
   * A machine that comes back from a disconnect (a reboot) with another host key is another
   * machine: the clean-up after {@code expect_disconnect} refuses it at once, naming both keys,
   * instead of talking to it (no pin) or retrying until {@code start_retry_timeout} (a pin in the
   * template).
   */
  @Test
  @Timeout(120) // a guard against hangs, not a timing assertion
  void expectDisconnectRefusesAMachineThatComesBackWithAnotherHostKey() throws Exception {
    for (boolean configuredKey : new boolean[] {false, true}) {
      try (OpenSshServer own = OpenSshServer.start()) {
        Path folder = Files.createDirectories(own.directory().resolve("remote"));
        SshConfigBuilder config = SshConfigBuilder.forServer(own);
        if (configuredKey) {
          config.sshHostKey(own.hostPublicKey());
        }
        String first = own.hostKeyFingerprint();
        TestBuildContext local = TestBuildContext.in(dir).withBuild("local", "null");
        local
            .ui()
            .onMessage(
                line -> {
                  if (line.equals("started")) {
                    own.restartWithNewHostKey();
                  }
                });
        try (Communicator ownComm =
            new SshCommunicatorFactory()
                .connect(
                    config.communicatorConfig(),
                    ConnectTarget.fromConfig(),
                    TestBuildContext.create())) {
          ShellProvisioner p =
              new ShellProvisioner(
                  Configs.of(
                      ShellConfig.class,
                      Map.of(
                          "inline", List.of("echo started", "sleep 600.75"),
                          "expect_disconnect", true,
                          "remote_folder", folder.toString(),
                          "start_retry_timeout", Duration.ofMinutes(10))),
                  Duration.ofMillis(50));
          assertThatThrownBy(() -> p.provision(local, ownComm, BUILD_DATA))
              .as("configured key %s", configuredKey)
              .isInstanceOf(ScriptFailedException.class)
              .hasMessageContaining("expected " + first)
              .hasMessageContaining("the server offered " + own.hostKeyFingerprint());
        }
        assertThat(local.cancellation().sleeps()).as("retries").isEmpty();
      }
    }
  }

  /**
   * A provisioner's own cancellation (its {@code timeout}), not the build's, stops the script on
   * the machine: the communicator it gets is bound to it ({@link Communicator#withCancellation}).
   */
  @Test
  @Timeout(120) // a guard against hangs, not a timing assertion
  void theProvisionersOwnCancellationStopsTheScriptAndRemovesIt() throws Exception {
    ctx.ui()
        .onMessage(
            line -> {
              if (line.equals("started")) {
                new Thread(() -> ctx.cancellation().cancel()).start();
              }
            });
    ShellProvisioner p = provisioner(Map.of("inline", List.of("echo started", "sleep 611.5")));
    assertThatThrownBy(
            () -> p.provision(ctx, comm.withCancellation(ctx.cancellation()), BUILD_DATA))
        .isInstanceOf(CancelledException.class);
    assertThat(sshCtx.cancellation().isCancelled()).isFalse();
    assertThat(remoteProcesses("sleep 611.5")).as("remote processes left running").isEmpty();
    assertThat(remoteFilesOnceTheTrapRan()).as("the uploaded script").isEmpty();
    // The build goes on: the next provisioner (with a cancellation of its own, as the engine
    // gives each) gets a working connection.
    BuildContext next = ctx.withCancellation(new TestCancellation());
    provisioner(Map.of("inline", List.of("echo after"))).provision(next, comm, BUILD_DATA);
    assertThat(ctx.ui().messages()).endsWith("after");
  }

  /** The processes whose command line contains {@code text}, after they had time to end. */
  private static List<String> remoteProcesses(String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Process pgrep = new ProcessBuilder("pgrep", "-f", text).start();
      String pids = new String(pgrep.getInputStream().readAllBytes()).strip();
      pgrep.waitFor();
      if (pids.isEmpty() || System.nanoTime() > deadline) {
        return pids.isEmpty() ? List.of() : List.of(pids.split("\\s+"));
      }
      // Polling the process table while TERM takes effect, bounded above.
      new ProcessBuilder("sleep", "0.1").start().waitFor();
    }
  }

  @Test
  void aConnectionDroppedBeforehandIsReestablished() throws Exception {
    sshd.dropConnections();
    run(Map.of("inline", List.of("echo back")));
    assertThat(ctx.ui().messages()).containsExactly("back");
  }

  @Test
  void uploadIsRetriedUntilTheMachineIsReady() throws Exception {
    // A file where the folder should be: sftp cannot create the folder, the upload fails.
    // (scp, like Packer's, would write the script over that file instead.)
    comm.close();
    comm = connect("sftp");
    Path later = Files.createFile(remote.resolve("later"));
    ctx.cancellation()
        .onSleep(
            () -> {
              try {
                Files.delete(later);
                Files.createDirectories(later);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    run(Map.of("inline", List.of("echo ready"), "remote_folder", later.toString()));
    assertThat(ctx.ui().messages()).containsExactly("ready");
    assertThat(ctx.cancellation().sleeps()).hasSize(1);
  }

  @Test
  void retriesEndAtTheStartRetryTimeout() throws Exception {
    comm.close();
    comm = connect("sftp");
    Path blocker = Files.createFile(remote.resolve("blocker"));
    ShellProvisioner p =
        provisioner(
            Map.of(
                "inline", List.of("true"),
                "remote_folder", blocker.toString(),
                "start_retry_timeout", Duration.ofMillis(1)));
    assertThatThrownBy(() -> p.provision(ctx, comm, BUILD_DATA))
        .isInstanceOf(ScriptFailedException.class)
        .hasMessageStartingWith("Error uploading script: ");
  }
}
