package dev.imagebake.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.communicator.ssh.SshCommunicatorFactory;
import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The salt-masterless provisioner against a real OpenSSH server on this machine, with the stand-in
 * {@code salt-call} of {@code src/test/resources/salt} as Salt. Every remote directory is a
 * temporary one (with blanks and quotes in its name), never /srv or /etc.
 */
class SaltMasterlessSshTest {
  private static final Path STAND_IN = Path.of("src/test/resources/salt/salt-call");

  static OpenSshServer sshd;

  @TempDir Path dir;
  private Path local;
  private Path remote;
  private Path out;
  private TestBuildContext ctx;
  private Communicator comm;

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
    local = Files.createDirectories(dir.resolve("local"));
    remote = Files.createDirectories(dir.resolve("remote it's"));
    out = Files.createDirectories(dir.resolve("out"));
    Path bin = Files.createDirectories(remote.resolve("salt bin"));
    Files.copy(STAND_IN, bin.resolve("salt-call"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(
        bin.resolve("salt-call"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ctx = TestBuildContext.create().withWorkingDirectory(local);
    comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).communicatorConfig(),
                ConnectTarget.fromConfig(),
                TestBuildContext.create());
    write("states/top.sls", "base:\n  '*':\n    - motd\n    - app\n");
    write(
        "states/motd.sls",
        out.resolve("motd") + ":\n  file.managed:\n    - contents: hello from salt\n");
    write(
        "states/app/init.sls",
        "token:\n  file.managed:\n    - name: "
            + out.resolve("token")
            + "\n    - contents_pillar: token\n"
            + "page:\n  file.managed:\n    - name: "
            + out.resolve("index.html")
            + "\n"
            + "    - source: salt://app/files/index.html\n");
    write("states/app/files/index.html", "<h1>made by salt</h1>\n");
    write("pillar/top.sls", "base:\n  '*':\n    - app\n");
    write("pillar/app.sls", "token: from-the-pillar\n");
  }

  @AfterEach
  void disconnect() {
    comm.close();
  }

  private void write(String path, String content) throws IOException {
    Path file = local.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** The keys every test uses: the local trees, remote temporary directories, the stand-in. */
  private Map<String, Object> keys(Object... more) {
    Map<String, Object> keys = new HashMap<>();
    keys.put("local_state_tree", "states");
    keys.put("local_pillar_roots", "pillar");
    keys.put("remote_state_tree", remote.resolve("srv/salt").toString());
    keys.put("remote_pillar_roots", remote.resolve("srv/pillar").toString());
    keys.put("temp_config_dir", remote.resolve("tmp salt").toString());
    keys.put("salt_bin_dir", remote.resolve("salt bin").toString());
    keys.put("skip_bootstrap", true);
    for (int i = 0; i < more.length; i += 2) {
      keys.put((String) more[i], more[i + 1]);
    }
    return keys;
  }

  private void provision(Map<String, Object> keys) throws Exception {
    new SaltMasterlessProvisioner(Configs.of(SaltMasterlessConfig.class, keys))
        .provision(ctx, comm, Map.of());
  }

  private static List<String> uploadDirs() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("imagebake-salt."))
          .toList();
    }
  }

  @Test
  void highstateAppliesTheUploadedStateTreeAndPillarWithOneSudo() throws Exception {
    List<String> before = uploadDirs();
    provision(keys());
    assertThat(out.resolve("motd")).hasContent("hello from salt");
    assertThat(out.resolve("token")).hasContent("from-the-pillar");
    assertThat(out.resolve("index.html")).hasContent("<h1>made by salt</h1>");
    assertThat(remote.resolve("srv/salt/top.sls")).exists();
    assertThat(remote.resolve("srv/pillar/app.sls")).exists();
    assertThat(ctx.ui().said())
        .contains(
            "Provisioning with Salt...",
            "Creating remote temporary directory: " + remote.resolve("tmp salt"),
            "Uploading local state tree: states",
            "Moving states to " + remote.resolve("srv/salt"),
            "Running: sudo '"
                + remote.resolve("salt bin/salt-call").toString().replace("'", "'\"'\"'")
                + "' --local state.highstate --file-root='"
                + remote.resolve("srv/salt").toString().replace("'", "'\"'\"'")
                + "' --pillar-root='"
                + remote.resolve("srv/pillar").toString().replace("'", "'\"'\"'")
                + "' --retcode-passthrough -l info");
    assertThat(ctx.ui().messages()).contains("local:", "Succeeded: 3 (changed=3)");
    // Salt's info logging is on stderr.
    assertThat(ctx.ui().errors())
        .anyMatch(l -> l.startsWith("[INFO    ] Executing state file.managed"));
    assertThat(uploadDirs()).isEqualTo(before);
    // It created the temporary config directory, so it removed it.
    assertThat(remote.resolve("tmp salt")).doesNotExist();
  }

  @Test
  void treesUploadOverSftpToo() throws Exception {
    comm.close();
    comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).sshFileTransferMethod("sftp").communicatorConfig(),
                ConnectTarget.fromConfig(),
                TestBuildContext.create());
    provision(keys());
    assertThat(out.resolve("index.html")).hasContent("<h1>made by salt</h1>");
    assertThat(out.resolve("token")).hasContent("from-the-pillar");
  }

  @Test
  void anExistingRemoteTreeIsReplacedNotNested() throws Exception {
    Path tree = Files.createDirectories(remote.resolve("srv/salt/states"));
    Files.writeString(remote.resolve("srv/salt/old.sls"), "old: stale\n");
    Files.createDirectories(remote.resolve("tmp salt/states/leftover"));
    provision(keys());
    assertThat(tree).doesNotExist();
    assertThat(remote.resolve("srv/salt/old.sls")).doesNotExist();
    try (Stream<Path> files = Files.list(remote.resolve("srv/salt"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("top.sls", "motd.sls", "app");
    }
    assertThat(remote.resolve("tmp salt/states")).doesNotExist();
    // It did not create the temporary config directory, so it left it.
    assertThat(remote.resolve("tmp salt")).isDirectory();
  }

  @Test
  void aFailingStateFailsTheBuildWithSaltsExitCodeAndOutput() throws Exception {
    write(
        "states/motd.sls",
        "broken:\n  file.managed:\n    - name: "
            + out.resolve("b")
            + "\n    - source: salt://nope.txt\n");
    assertThatThrownBy(() -> provision(keys()))
        .isInstanceOf(SaltFailedException.class)
        .hasMessage(
            "Error executing salt-call: Bad exit status: 2. Failed states: broken (file.managed):"
                + " Source file salt://nope.txt not found in saltenv 'base'");
    assertThat(ctx.ui().messages()).contains("      Result: False", "Failed:    1");
    // The other states still ran, as Salt does.
    assertThat(out.resolve("token")).hasContent("from-the-pillar");
  }

  @Test
  void noExitOnFailureDropsRetcodePassthroughAndGoesOn() throws Exception {
    write("states/motd.sls", "broken:\n  file.managed:\n    - source: salt://nope.txt\n");
    provision(keys("no_exit_on_failure", true, "log_level", "warning"));
    assertThat(ctx.ui().said())
        .anyMatch(l -> l.startsWith("Running: ") && l.endsWith(" -l warning"))
        .noneMatch(l -> l.contains("--retcode-passthrough"));
    assertThat(ctx.ui().errors())
        .contains(
            "1 Salt state(s) failed; ignored (no_exit_on_failure). Failed states: broken"
                + " (file.managed): Source file salt://nope.txt not found in saltenv 'base'");
  }

  @Test
  void disableSudoAndCustomStateAndSaltCallArgs() throws Exception {
    Files.writeString(local.resolve("pillar/app.sls"), "other: x\n");
    provision(
        keys(
            "disable_sudo", true,
            "custom_state", "app",
            "salt_call_args", "'pillar={\"token\": \"from the command line\"}'"));
    assertThat(ctx.ui().said())
        .anyMatch(
            l -> l.startsWith("Running: '") && l.contains(" --local state.sls app --file-root="));
    assertThat(out.resolve("token")).hasContent("from the command line");
    assertThat(out.resolve("motd")).doesNotExist();
  }

  @Test
  void aMissingPillarFailsTheStateThatNeedsIt() throws Exception {
    assertThatThrownBy(() -> provision(keys("local_pillar_roots", null)))
        .hasMessageEndingWith("Failed states: token (file.managed): Pillar token does not exist");
  }

  @Test
  void cleanRemovesTheRemoteTrees() throws Exception {
    provision(keys("clean", true));
    assertThat(out.resolve("motd")).exists();
    assertThat(remote.resolve("srv/salt")).doesNotExist();
    assertThat(remote.resolve("srv/pillar")).doesNotExist();
  }

  @Test
  void aMissingSaltCallFailsEvenWithNoExitOnFailure() {
    String nowhere = remote.resolve("nowhere").toString();
    // sudo says "command not found" with status 1, the shell with 127.
    assertThatThrownBy(() -> provision(keys("salt_bin_dir", nowhere, "no_exit_on_failure", true)))
        .hasMessageContaining("salt-call could not be run (exit status 1: sudo: ")
        .hasMessageEndingWith("point salt_bin_dir at it.");
    assertThatThrownBy(
            () ->
                provision(
                    keys(
                        "salt_bin_dir", nowhere, "no_exit_on_failure", true, "disable_sudo", true)))
        .hasMessageContaining("salt-call could not be run (exit status 127");
  }

  @Test
  void aBootstrapThatCannotBeDownloadedFailsTheBuild() throws Exception {
    // No network here: curl and wget fail to resolve the bootstrap host.
    List<String> before = uploadDirs();
    assertThatThrownBy(() -> provision(keys("skip_bootstrap", false)))
        .isInstanceOf(SaltFailedException.class)
        .hasMessageStartingWith(
            "Unable to download the Salt bootstrap script " + SaltCommands.BOOTSTRAP_URL)
        .hasMessageContaining("set skip_bootstrap");
    assertThat(out.resolve("motd")).doesNotExist();
    assertThat(uploadDirs()).isEqualTo(before);
  }

  @Test
  void formulasAreClonedWithGitAndMergedWithoutTouchingTheLocalTree() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("formulas repo"));
    Files.createDirectories(repo.resolve("greeting"));
    git(repo, "init", "--quiet", "-b", "main");
    commit(repo, "tagged version");
    git(repo, "tag", "v1");
    commit(repo, "later version");
    write("states/top.sls", "base:\n  '*':\n    - motd\n    - greeting\n");
    List<String> localTree;
    try (Stream<Path> files = Files.walk(local.resolve("states"))) {
      localTree = files.map(Path::toString).sorted().toList();
    }
    provision(keys("formulas", List.of("git::file://" + repo + "//greeting?ref=v1")));
    assertThat(out.resolve("greeting")).hasContent("tagged version");
    assertThat(remote.resolve("srv/salt/greeting/init.sls")).exists();
    try (Stream<Path> files = Files.walk(local.resolve("states"))) {
      assertThat(files.map(Path::toString).sorted().toList()).isEqualTo(localTree);
    }
  }

  @Test
  void aFormulaThatCannotBeClonedFailsBeforeTheMachineIsTouched() {
    assertThatThrownBy(
            () ->
                provision(
                    keys("formulas", List.of("git::file://" + dir.resolve("none.git") + "//x"))))
        .hasMessageStartingWith("Error downloading formula git::file://")
        .hasMessageContaining("git exited with status 128");
    assertThat(remote.resolve("srv/salt")).doesNotExist();
  }

  private void commit(Path repo, String contents) throws Exception {
    Files.writeString(
        repo.resolve("greeting/init.sls"),
        out.resolve("greeting") + ":\n  file.managed:\n    - contents: " + contents + "\n");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", contents);
  }

  private static void git(Path repo, String... args) throws Exception {
    FormulaTest.git(repo, args);
  }
}
