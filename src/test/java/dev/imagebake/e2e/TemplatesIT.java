package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.BaseImage;
import dev.imagebake.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example templates in {@code templates/}, validated and built through the packaged launcher as
 * a user runs them; the SSH one against a real OpenSSH server on a loopback port.
 */
class TemplatesIT {
  private static final Path TEMPLATES = Launcher.HOME.resolve("templates");
  private static OpenSshServer sshd;

  @TempDir Path work;

  @BeforeAll
  static void startSshd() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopSshd() {
    sshd.close();
  }

  private static String[] quickstartVars() {
    return new String[] {
      "-var", "host=" + sshd.host(),
      "-var", "port=" + sshd.port(),
      "-var", "user=" + sshd.user(),
      "-var", "private_key_file=" + sshd.clientKey()
    };
  }

  @Test
  void everyExampleTemplateIsValid() throws Exception {
    String[] args =
        concat(
            new String[] {"validate"},
            quickstartVars(),
            new String[] {
              TEMPLATES.resolve("quickstart.json").toString(),
              TEMPLATES.resolve("local-only.json").toString(),
              TEMPLATES.resolve("file-artifact.json").toString()
            });
    Launcher.Result r = Launcher.run(work, args);
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stderr()).contains("3 templates: 3 valid, 0 invalid");
  }

  @Test
  void localOnlyRunsLocalScriptsAndPostProcessors() throws Exception {
    Launcher.Result r =
        Launcher.run(work, "build", TEMPLATES.resolve("local-only.json").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .containsPattern("    null: building 1\\.0\\.\\d+ as null")
        .contains("    null (shell-local): post-processing null")
        .contains("--> null: Did not export anything. This is the null builder");
  }

  @Test
  void fileArtifactIsChecksummedAndRecorded() throws Exception {
    Launcher.Result r =
        Launcher.run(work, "build", TEMPLATES.resolve("file-artifact.json").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    Path notes = work.resolve("out/release-notes.txt");
    assertThat(notes).content().startsWith("Release notes for file, built at ");
    String sha = Files.readString(work.resolve("out/file.sha256"));
    assertThat(sha).endsWith("\trelease-notes.txt\n").hasSize(64 + 1 + 17 + 1);
    assertThat(work.resolve("out/manifest.json"))
        .content()
        .contains("\"builder_type\": \"file\"")
        .contains("\"name\": \"release-notes.txt\"");
  }

  @Test
  void quickstartProvisionsOverSshAndMasksTheSecret() throws Exception {
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"build"},
                quickstartVars(),
                new String[] {TEMPLATES.resolve("quickstart.json").toString()}));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("hello from imagebake from existing-host (null)")
        .contains("token=<sensitive>")
        .contains("This machine was provisioned by imagebake.");
    assertThat(r.all()).doesNotContain("s3cr3t-token");
    // The target is this machine, so what was provisioned can be looked at directly.
    assertThat(Path.of("/tmp/imagebake-quickstart/motd"))
        .content()
        .isEqualTo(Files.readString(TEMPLATES.resolve("files/motd")));
    assertThat(work.resolve("quickstart-manifest.json"))
        .content()
        .contains("\"name\": \"existing-host\"")
        .contains("\"greeting\": \"hello from imagebake\"")
        .doesNotContain("s3cr3t-token");
  }

  @Test
  void machineReadableOutputNamesTheBuildAndMasksTheSecret() throws Exception {
    Path events = work.resolve("events.jsonl");
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"-machine-readable", "build", "--events=" + events},
                quickstartVars(),
                new String[] {TEMPLATES.resolve("quickstart.json").toString()}));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .containsPattern("\\d+,existing-host,ui,message,    existing-host: token=<sensitive>")
        .containsPattern("\\d+,existing-host,artifact-count,2");
    assertThat(r.all()).doesNotContain("s3cr3t-token");
    assertThat(events).content().contains("token=<sensitive>").doesNotContain("s3cr3t-token");
  }

  @Test
  void theReadmeQuickstartScriptBuildsAgainstItsOwnThrowawaySshd() throws Exception {
    Launcher.Result r =
        Launcher.exec(work, Map.of(), Launcher.HOME.resolve("bin/quickstart").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout()).contains("This machine was provisioned by imagebake.");
    assertThat(r.stderr()).contains("throwaway sshd on 127.0.0.1:");
  }

  @Test
  @Tag("slow")
  void qemuBuildsTheBaseImageIntoAProvisionedDisk() throws Exception {
    BaseImage image = BaseImage.get();
    String template = TEMPLATES.resolve("qemu.json").toString();
    String[] vars = {"-var", "base_dir=" + image.dir()};
    Launcher.Result valid =
        Launcher.run(work, concat(new String[] {"validate"}, vars, new String[] {template}));
    assertThat(valid.exitCode()).as(valid.all()).isZero();

    Launcher.Result r =
        Launcher.run(work, concat(new String[] {"build"}, vars, new String[] {template}));
    assertThat(r.exitCode()).as(r.all()).isZero();
    Path disk = work.resolve("output-qemu/provisioned.qcow2");
    assertThat(r.stdout())
        .contains("==> qemu: Gracefully halting virtual machine...")
        .contains("--> qemu: VM files in directory: " + work.resolve("output-qemu"));
    assertThat(BaseImage.readOffline(disk, "/etc/imagebake/provisioned"))
        .isEqualTo("built by qemu on qemu\n");
    assertThat(Files.list(work.resolve("output-qemu"))).containsExactly(disk);
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
