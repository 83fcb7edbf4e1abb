package dev.imagebake.postprocessor.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.testing.PackerCli;
import dev.imagebake.testing.RecordingConfigCheck;
import dev.imagebake.testing.TestBuildContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumPostProcessorTest {
  @TempDir Path dir;

  private static Artifact fileArtifact(String... files) {
    return new SimpleArtifact(
        "packer.file",
        "File",
        java.util.Arrays.stream(files).map(Path::of).toList(),
        "Stored file",
        Map.of());
  }

  private PostProcessor.Result run(ChecksumConfig config, Artifact input) throws Exception {
    return new ChecksumPostProcessorFactory()
        .create(config)
        .postProcess(TestBuildContext.in(dir).withBuild("f", "file"), input);
  }

  /** Runs {@code tool file} in {@code dir} and returns the hex digest it printed. */
  private String tool(String tool, String file) throws Exception {
    Process p = new ProcessBuilder(tool, file).directory(dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return out.substring(0, out.indexOf(' '));
  }

  @Test
  void everyTypeMatchesTheCoreutilsTools() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    Files.write(dir.resolve("out/disk.img"), data);
    Files.writeString(dir.resolve("out/b.txt"), "bee\n");
    run(
        new ChecksumConfig(
            List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512"),
            "sums/{{.BuildName}}.{{.ChecksumType}}"),
        fileArtifact("out/disk.img", "out/b.txt"));
    for (String type : List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512")) {
      assertThat(dir.resolve("sums/f." + type))
          .hasContent(
              tool(type + "sum", "out/disk.img")
                  + "\tdisk.img\n"
                  + tool(type + "sum", "out/b.txt")
                  + "\tb.txt\n");
    }
  }

  @Test
  void writesTheSameFilesAsPackerAndListsOnlyNewOnes() throws Exception {
    Path packerDir = Files.createDirectory(dir.resolve("packer"));
    String packerOut =
        PackerCli.build(
            packerDir,
            """
            {
              "builders": [{"type": "file", "name": "f", "target": "out/artifact.txt",
                            "content": "hello world\\n"}],
              "post-processors": [
                {"type": "checksum", "checksum_types": ["md5", "sha256"],
                 "output": "out/{{.BuildName}}_{{.ChecksumType}}.checksum"},
                {"type": "checksum", "checksum_types": ["sha1", "sha512"], "output": "all.sums"},
                {"type": "checksum"}
              ]
            }
            """);
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/artifact.txt"), "hello world\n");
    Artifact file = fileArtifact("out/artifact.txt");
    PostProcessor.Result first =
        run(
            new ChecksumConfig(
                List.of("md5", "sha256"), "out/{{.BuildName}}_{{.ChecksumType}}.checksum"),
            file);
    PostProcessor.Result second =
        run(new ChecksumConfig(List.of("sha1", "sha512"), "all.sums"), file);
    run(new ChecksumConfig(null, null), file);

    for (String f :
        List.of(
            "out/f_md5.checksum",
            "out/f_sha256.checksum",
            "all.sums",
            "packer_f_file_md5.checksum")) {
      assertThat(dir.resolve(f)).hasSameBinaryContentAs(packerDir.resolve(f));
    }
    assertThat(first.artifact().describe())
        .isEqualTo(
            "Created artifact from files: out/artifact.txt, out/f_md5.checksum,"
                + " out/f_sha256.checksum");
    assertThat(packerOut).contains("--> f: " + first.artifact().describe());
    assertThat(second.artifact().files())
        .containsExactly(Path.of("out/artifact.txt"), Path.of("all.sums"));
    assertThat(first.keepInputByDefault()).isTrue();
    assertThat(first.forceKeep()).isTrue();
    assertThat(first.artifact().builderId()).isEqualTo("packer.post-processor.checksum");
    assertThat(first.artifact().id()).isEmpty();
  }

  @Test
  void appendsToAnExistingFileWithoutListingIt() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("sums"), "old\n");
    PostProcessor.Result r = run(new ChecksumConfig(List.of("md5"), "sums"), fileArtifact("a.txt"));
    assertThat(dir.resolve("sums")).hasContent("old\n0cc175b9c0f1b6a831c399e269772661\ta.txt\n");
    assertThat(r.artifact().files()).containsExactly(Path.of("a.txt"));
  }

  @Test
  void newFilesAndDirectoriesGetPackersModes() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    run(new ChecksumConfig(null, "d/e/sums"), fileArtifact("a.txt"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("d/e/sums")))
        .isSubsetOf(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("d/e")))
        .isSubsetOf(PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void artifactWithoutFilesProducesNothing() throws Exception {
    PostProcessor.Result r = run(new ChecksumConfig(null, null), fileArtifact());
    assertThat(r.artifact().files()).isEmpty();
    assertThat(dir.resolve("packer_f_file_md5.checksum")).doesNotExist();
  }

  @Test
  void missingInputFailsBeforeAnyChecksumFileIsWritten() {
    assertThatThrownBy(() -> run(new ChecksumConfig(null, "sums"), fileArtifact("gone.img")))
        .hasMessageStartingWith("unable to open file gone.img: ");
    assertThat(dir.resolve("sums")).doesNotExist();
  }

  @Test
  void destroyRemovesEveryFile() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    PostProcessor.Result r = run(new ChecksumConfig(null, "sums"), fileArtifact("a.txt"));
    r.artifact().destroy();
    assertThat(dir.resolve("sums")).doesNotExist();
    assertThat(dir.resolve("a.txt")).doesNotExist();
  }

  @Test
  void unknownTypesAreReportedOneByOne() {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    new ChecksumPostProcessorFactory()
        .check(new ChecksumConfig(List.of("md5", "crc32", "SHA256"), null), check);
    assertThat(check.errors())
        .containsExactly(
            "checksum_types: Unrecognized checksum type: crc32",
            "checksum_types: Unrecognized checksum type: SHA256");
  }

  @Test
  void isFoundByServiceLoader() {
    assertThat(
            java.util.ServiceLoader.load(dev.imagebake.sdk.PostProcessorFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::type))
        .contains(ChecksumPostProcessorFactory.class);
  }
}
