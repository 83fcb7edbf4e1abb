package dev.imagebake.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.TestBuildContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the remote calls, for what the SSH tests cannot do on this machine: write {@code
 * /etc/salt} (grains, minion config) and run a bootstrap script that fails.
 */
class SaltMasterlessFlowTest {
  @TempDir Path dir;
  private TestBuildContext ctx;

  @BeforeEach
  void tree() throws Exception {
    Files.createDirectories(dir.resolve("salt"));
    Files.writeString(dir.resolve("grains"), "role: web\n");
    Files.writeString(dir.resolve("minion"), "file_client: local\n");
    ctx = TestBuildContext.create().withWorkingDirectory(dir);
  }

  /** A machine that answers each command with an exit status and output lines, recording calls. */
  private static final class Scripted implements Communicator {
    @Override
    public Communicator withCancellation(dev.imagebake.sdk.Cancellation cancellation) {
      return this;
    }

    record Answer(int status, String stdout, String stderr) {}

    final List<String> calls = new ArrayList<>();
    final Function<String, Answer> answers;

    Scripted(Function<String, Answer> answers) {
      this.answers = answers;
    }

    @Override
    public CommandResult run(RemoteCommand command, OutputSink sink) {
      calls.add("run " + command.command());
      Answer a =
          command.command().startsWith("d=$(mktemp -d")
              ? new Answer(0, "/tmp/u", "")
              : answers.apply(command.command());
      a.stdout().lines().forEach(sink::stdout);
      a.stderr().lines().forEach(sink::stderr);
      return new CommandResult(a.status());
    }

    @Override
    public void upload(String remotePath, InputStream data, long size, int mode) {
      calls.add("upload " + remotePath);
    }

    @Override
    public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) {
      calls.add("uploadDir " + remoteDir + " <- " + localDir.getFileName() + "/");
    }

    @Override
    public void download(String remotePath, OutputStream out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void downloadDir(String remoteDir, Path localDir) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String describe() {
      return "scripted";
    }

    @Override
    public void close() {}
  }

  private static Scripted.Answer ok(String cmd) {
    return new Scripted.Answer(0, "", "");
  }

  private void provision(Scripted machine, Object... keys) throws Exception {
    Map<String, Object> map = new HashMap<>();
    map.put("local_state_tree", "salt");
    for (int i = 0; i < keys.length; i += 2) {
      map.put((String) keys[i], keys[i + 1]);
    }
    new SaltMasterlessProvisioner(Configs.of(SaltMasterlessConfig.class, map))
        .provision(ctx, machine, Map.of());
  }

  @Test
  void grainsAndMinionConfigGoToEtcSaltAndTheTreesToTheirDefaults() throws Exception {
    Scripted machine =
        new Scripted(
            cmd ->
                cmd.contains("mkdir -p /tmp/salt &&")
                    ? new Scripted.Answer(0, "created", "")
                    : ok(cmd));
    provision(machine, "grains_file", "grains", "minion_config", "minion", "skip_bootstrap", true);
    assertThat(machine.calls)
        .containsExactly(
            "run d=$(mktemp -d \"${TMPDIR:-/tmp}/imagebake-salt.XXXXXXXX\") && mkdir"
                + " \"$d/states\" \"$d/pillar\" && printf '%s\\n' \"$d\"",
            "run " + new SaltCommands(Configs.of(SaltMasterlessConfig.class)).makeTempDir(),
            "upload /tmp/u/grains",
            "run sudo rm -rf /tmp/salt/grains && sudo mv /tmp/u/grains /tmp/salt/grains && sudo rm"
                + " -rf /etc/salt/grains && sudo mkdir -p /etc/salt && sudo mv /tmp/salt/grains"
                + " /etc/salt/grains",
            "upload /tmp/u/minion",
            "run sudo rm -rf /tmp/salt/minion && sudo mv /tmp/u/minion /tmp/salt/minion && sudo rm"
                + " -rf /etc/salt/minion && sudo mkdir -p /etc/salt && sudo mv /tmp/salt/minion"
                + " /etc/salt/minion",
            "uploadDir /tmp/u/states <- salt/",
            "run sudo rm -rf /tmp/salt/states && sudo mv /tmp/u/states /tmp/salt/states && sudo rm"
                + " -rf /srv/salt && sudo mkdir -p /srv && sudo mv /tmp/salt/states /srv/salt",
            "run sudo salt-call --local state.highstate --retcode-passthrough -l info",
            "run sudo rm -rf /tmp/salt",
            "run rm -rf /tmp/u");
    assertThat(machine.calls).noneMatch(c -> c.contains("sudo sudo"));
  }

  @Test
  void aFailingBootstrapInstallFailsTheBuildAndStillCleansUp() {
    Scripted machine =
        new Scripted(
            cmd ->
                cmd.startsWith("sudo sh ")
                    ? new Scripted.Answer(
                        1,
                        "* INFO: Running version: 2024.01.04",
                        " * ERROR: No packages for this distribution")
                    : ok(cmd));
    assertThatThrownBy(() -> provision(machine, "bootstrap_args", "-X stable"))
        .isInstanceOf(SaltFailedException.class)
        .hasMessage(
            "Salt bootstrap failed with exit status 1: * ERROR: No packages for this"
                + " distribution (its output is above)");
    assertThat(machine.calls)
        .containsExactly(
            machine.calls.get(0),
            "run " + SaltCommands.downloadBootstrap("/tmp/u/install_salt.sh"),
            "run sudo sh /tmp/u/install_salt.sh -X stable",
            "run rm -rf /tmp/u");
    assertThat(ctx.ui().said())
        .contains(
            "Downloading saltstack bootstrap to /tmp/u/install_salt.sh",
            "Installing Salt with command sudo sh /tmp/u/install_salt.sh -X stable");
    assertThat(ctx.ui().messages()).contains("* INFO: Running version: 2024.01.04");
  }

  @Test
  void aFailedMoveNamesWhatAndWhy() {
    Scripted machine =
        new Scripted(
            cmd ->
                cmd.contains("mv /tmp/u/states")
                    ? new Scripted.Answer(
                        1, "", "mv: cannot move '/tmp/u/states': Permission denied")
                    : ok(cmd));
    assertThatThrownBy(() -> provision(machine, "skip_bootstrap", true))
        .hasMessage(
            "Unable to move states to /srv/salt: exit status 1: mv: cannot move '/tmp/u/states':"
                + " Permission denied");
    assertThat(machine.calls.get(machine.calls.size() - 1)).isEqualTo("run rm -rf /tmp/u");
  }
}
