package dev.imagebake.provisioner.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.communicator.ssh.SshCommunicatorFactory;
import dev.imagebake.provisioner.fixtures.Configs;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * puppet-masterless with the real Puppet of Debian ({@code puppet-agent}) through a real OpenSSH
 * server: the target is this machine, so what Puppet did is looked at directly afterwards.
 */
class PuppetMasterlessSshTest {
  static OpenSshServer sshd;

  @TempDir Path dir;
  private Path out;
  private Path staging;
  private TestBuildContext test;
  private BuildContext ctx;
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
    out = Files.createDirectories(dir.resolve("out"));
    staging = dir.resolve("staging");
    test = TestBuildContext.create().withWorkingDirectory(dir).withBuild("web-1", "null");
    ctx = test;
    comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).communicatorConfig(),
                ConnectTarget.fromConfig(),
                test);
    write(
        "manifests/site.pp",
        """
        include motd
        file { "${facts['out_dir']}/role":
          content => "${facts['role']} built by ${facts['packer_build_name']} \
        (${facts['packer_builder_type']})\\n",
        }
        """);
    write(
        "modules/motd/manifests/init.pp",
        """
        class motd (String $message) {
          file { "${facts['out_dir']}/motd": content => "${message}\\n" }
        }
        """);
    write(
        "hiera.yaml",
        """
        ---
        version: 5
        defaults:
          datadir: %s
          data_hash: yaml_data
        hierarchy:
          - name: common
            path: common.yaml
        """
            .formatted(dir.resolve("hieradata")));
    write("hieradata/common.yaml", "motd::message: hello from hiera\n");
  }

  @AfterEach
  void disconnect() {
    comm.close();
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Map<String, Object> keys(Object... more) {
    Map<String, Object> keys = new HashMap<>();
    keys.put("manifest_file", "manifests/site.pp");
    keys.put("staging_directory", staging.toString());
    keys.put("facter", Map.of("role", "web", "out_dir", out.toString()));
    for (int i = 0; i < more.length; i += 2) {
      keys.put((String) more[i], more[i + 1]);
    }
    return keys;
  }

  private void provision(Map<String, Object> keys) throws Exception {
    new PuppetMasterlessProvisioner(Configs.of(PuppetMasterlessConfig.class, keys))
        .provision(ctx, comm, Map.of());
  }

  @Test
  void appliesTheManifestWithModulesHieraAndFactsThenAgainWithoutChanges() throws Exception {
    provision(keys("module_paths", List.of("modules"), "hiera_config_path", "hiera.yaml"));

    assertThat(out.resolve("role")).hasContent("web built by web-1 (null)");
    assertThat(out.resolve("motd")).hasContent("hello from hiera");
    String s = staging.toString();
    assertThat(test.ui().said()).contains("Provisioning with Puppet...");
    assertThat(test.ui().messages())
        .contains(
            "Creating Puppet staging directory...",
            "Creating directory: " + s,
            "Uploading hiera configuration...",
            "Uploading local modules from: modules",
            "Uploading manifests...",
            "Uploading manifest file from: manifests/site.pp",
            "Running Puppet: cd "
                + s
                + " && FACTER_out_dir='"
                + out
                + "' FACTER_packer_build_name='web-1' FACTER_packer_builder_type='null'"
                + " FACTER_role='web' sudo -E puppet apply --detailed-exitcodes --modulepath='"
                + s
                + "/module-0' --hiera_config='"
                + s
                + "/hiera.yaml' "
                + s
                + "/manifests/site.pp");
    // Puppet's detailed exit code 2 ("changes applied") counted as success; the staging stays.
    assertThat(staging.resolve("manifests/site.pp")).exists();
    assertThat(staging.resolve("module-0/motd/manifests/init.pp")).exists();

    // Nothing to change (exit 0), and clean_staging_directory removes the staging directory.
    provision(
        keys(
            "module_paths",
            List.of("modules"),
            "hiera_config_path",
            "hiera.yaml",
            "clean_staging_directory",
            true));
    assertThat(staging).doesNotExist();
    assertThat(test.ui().errors()).noneMatch(l -> l.contains("Could not remove"));
  }

  @Test
  void aFailingResourceFailsTheBuildWithPuppetsDetailedExitCode() throws Exception {
    write(
        "manifests/broken.pp",
        "file { '" + dir.resolve("no-such-dir/file") + "': content => 'x' }\n");
    assertThatThrownBy(() -> provision(keys("manifest_file", "manifests/broken.pp")))
        .isInstanceOf(PuppetFailedException.class)
        .hasMessage("Puppet exited with a non-zero exit status: 4");
    assertThat(test.ui().errors()).anyMatch(l -> l.contains("no-such-dir"));
  }

  @Test
  void exitCodesZeroAndTwoPassOthersFailUnlessIgnored() throws Exception {
    provision(keys("execute_command", "exit 2"));
    assertThatThrownBy(() -> provision(keys("execute_command", "exit 6")))
        .hasMessage("Puppet exited with a non-zero exit status: 6");
    provision(keys("execute_command", "exit 6", "ignore_exit_codes", true));
    assertThat(test.ui().errors())
        .contains("Puppet exited with a non-zero exit status: 6; ignored (ignore_exit_codes)");
  }

  @Test
  void aMissingPuppetFailsEvenWithIgnoreExitCodes() {
    assertThatThrownBy(
            () ->
                provision(
                    keys(
                        "puppet_bin_dir",
                        dir.resolve("no-puppet-here").toString(),
                        "ignore_exit_codes",
                        true,
                        "prevent_sudo",
                        true)))
        .hasMessage(
            "Puppet could not be run (exit status 127): install Puppet on the machine, or point"
                + " puppet_bin_dir at it");
  }

  @Test
  void aManifestDirectoryIsUploadedWholeAndExtraArgumentsAreRendered() throws Exception {
    write("manifests/more.pp", "notice('more')\n");
    provision(
        keys(
            "manifest_file",
            "manifests",
            "extra_arguments",
            List.of("--noop", "--tags={{.ModulePathJoiner}}"),
            "prevent_sudo",
            true,
            "execute_command",
            "ls {{.ManifestFile}} && echo args: {{.ExtraArguments}} sudo={{.Sudo}}"));
    assertThat(test.ui().messages())
        .contains("Uploading manifest directory from: manifests", "more.pp", "site.pp")
        .contains("args: --noop --tags=: sudo=false");
  }

  @Test
  void anInterruptStopsTheRunAndRemovesTheStagingDirectoryItMade() throws Exception {
    // As the unprivileged user .ci/run creates (root's logins here run slow rc files, and sshd
    // refuses signal requests for root): the staging directory must be one that user can make.
    Path remoteStaging = Path.of("/tmp/imagebake-interrupt-" + System.nanoTime());
    Map<String, Object> keys =
        keys(
            "prevent_sudo",
            true,
            "staging_directory",
            remoteStaging.toString(),
            "execute_command",
            "cd {{.WorkingDir}} && echo started && sleep 79.25");
    try (Communicator asTestUser =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).sshUsername("imagebake-test").communicatorConfig(),
                ConnectTarget.fromConfig(),
                test)) {
      CompletableFuture<Void> run =
          CompletableFuture.runAsync(
              () -> {
                try {
                  new PuppetMasterlessProvisioner(Configs.of(PuppetMasterlessConfig.class, keys))
                      .provision(ctx, asTestUser, Map.of());
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      awaitTrue(() -> test.ui().messages().contains("started"), "the command started");
      test.cancellation().cancel("interrupted");
      assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(CancelledException.class);
      try {
        awaitTrue(() -> !Files.exists(remoteStaging), "the staging directory is removed");
      } catch (AssertionError e) {
        System.err.println("DIAG ui: " + String.join("\nDIAG ui: ", test.ui().lines()));
        System.err.println(
            "DIAG ps: "
                + new String(
                    new ProcessBuilder("ps", "-u", "imagebake-test", "-o", "pid,pgid,stat,args")
                        .start()
                        .getInputStream()
                        .readAllBytes()));
        throw e;
      }
      awaitTrue(() -> pgrep("sleep 79.25").isEmpty(), "the remote command is stopped");
    } finally {
      new ProcessBuilder("rm", "-rf", remoteStaging.toString()).start().waitFor();
    }
  }

  /** Waits (bounded) until {@code condition} holds: remote effects arrive asynchronously. */
  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waiting for: " + what).isNegative();
      Thread.onSpinWait();
      new ProcessBuilder("sleep", "0.05").start().waitFor();
    }
  }

  private static List<String> pgrep(String marker) {
    try {
      Process p = new ProcessBuilder("pgrep", "-f", marker).start();
      String pids = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return pids.isEmpty() ? List.of() : List.of(pids.split("\\s+"));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
