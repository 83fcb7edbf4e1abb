package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
              TEMPLATES.resolve("file-artifact.json").toString(),
              TEMPLATES.resolve("compress.json").toString()
            });
    Launcher.Result r = Launcher.run(work, args);
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stderr()).contains("4 templates: 4 valid, 0 invalid");
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
  void compressWritesArchivesTheSystemToolsOpenAndKeepsTheInputOnlyWhenAsked() throws Exception {
    String template = TEMPLATES.resolve("compress.json").toString();
    Launcher.Result r = Launcher.run(work, "build", template);
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("==> file (compress): Tarring out/file.tar.zst with zstd")
        .contains("--> file: compressed artifacts in: out/file.tar.zst")
        .contains("--> file: Created artifact from files: out/file-file.img.gz, out/file.sha256");
    Path disk = work.resolve("out/disk.img");
    String image = Files.readString(disk);
    assertThat(image).startsWith("A disk image of file, built at ");
    assertThat(exec("tar", "--zstd", "-xOf", "out/file.tar.zst", "disk.img")).isEqualTo(image);
    assertThat(exec("gzip", "-dc", "out/file-file.img.gz")).isEqualTo(image);
    assertThat(exec("sh", "-c", "cd out && sha256sum -c file.sha256"))
        .contains("file-file.img.gz: OK");

    // Without a chain that keeps it, compress (keep_input_artifact unset) removes its input.
    Path gzOnly =
        Files.writeString(
            work.resolve("gz-only.json"),
            """
            {"builders": [{"type": "file", "target": "out/disk.img", "content": "an image"}],
             "post-processors": [{"type": "compress", "output": "out/{{.BuildName}}.gz"}]}
            """);
    r = Launcher.run(work, "build", gzOnly.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(disk).doesNotExist();
    assertThat(exec("gzip", "-dc", "out/file.gz")).isEqualTo("an image");
  }

  /** Runs a system tool in the work directory; returns its stdout, failing on a non-zero exit. */
  private String exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(work.toFile()).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out;
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

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
