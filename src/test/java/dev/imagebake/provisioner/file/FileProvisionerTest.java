package dev.imagebake.provisioner.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.testing.LocalDirCommunicator;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provisioner's path rules against a communicator whose machine is a local directory. */
class FileProvisionerTest {
  @TempDir Path work;
  @TempDir Path machine;
  private TestBuildContext ctx;
  private LocalDirCommunicator comm;

  @BeforeEach
  void setUp() throws IOException {
    ctx = TestBuildContext.in(work).withBuild("f", "file");
    comm = new LocalDirCommunicator(machine);
    Files.createDirectories(work.resolve("src/sub"));
    Files.writeString(work.resolve("src/a.txt"), "A");
    Files.writeString(work.resolve("src/sub/b.txt"), "B");
    Files.createDirectories(comm.local("/t/existing"));
  }

  private void upload(String destination, String... sources) throws Exception {
    new FileProvisioner(
            new FileProvisionerConfig(null, List.of(sources), destination, null, null, null))
        .provision(ctx, comm, Map.of());
  }

  private void download(String destination, String... sources) throws Exception {
    new FileProvisioner(
            new FileProvisionerConfig(null, List.of(sources), destination, "download", null, null))
        .provision(ctx, comm, Map.of());
  }

  @Test
  void fileIntoExistingDirectoryKeepsItsName() throws Exception {
    upload("/t/existing/", "src/a.txt");
    assertThat(comm.local("/t/existing/a.txt")).hasContent("A");
    assertThat(ctx.ui().lines()).containsExactly("say: Uploading src/a.txt => /t/existing/");
  }

  @Test
  void singleFileTransfersCountTheirBytesForTheProgressLine() throws Exception {
    Files.write(work.resolve("src/big.bin"), new byte[300_000]);
    upload("/t/big.bin", "src/big.bin");
    download("back.bin", "/t/big.bin");
    assertThat(work.resolve("back.bin")).hasSize(300_000);
    assertThat(ctx.ui().transfers()).containsExactly("300000 of 300000", "300000 of -1");
  }

  @Test
  void fileToAPathIsRenamed() throws Exception {
    upload("/t/renamed.txt", "src/a.txt");
    assertThat(comm.local("/t/renamed.txt")).hasContent("A");
    assertThat(comm.calls()).containsExactly("upload /t/renamed.txt 644");
  }

  @Test
  void uploadSendsTheLocalFileMode() throws Exception {
    Files.setPosixFilePermissions(
        work.resolve("src/a.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    upload("/t/run.sh", "src/a.txt");
    assertThat(comm.calls()).containsExactly("upload /t/run.sh 750");
  }

  @Test
  void missingDirectoryDestinationIsCreatedForEverySource() throws Exception {
    // Packer over scp writes a FILE /t/multi, overwritten by each source.
    upload("/t/multi/", "src/a.txt", "src/sub/b.txt");
    assertThat(comm.local("/t/multi/a.txt")).hasContent("A");
    assertThat(comm.local("/t/multi/b.txt")).hasContent("B");
    assertThat(comm.calls())
        .containsExactly(
            "run mkdir -p '/t/multi/'", "upload /t/multi/a.txt 644", "upload /t/multi/b.txt 644");
  }

  @Test
  void fileOntoExistingDirectoryWithoutSlashFailsWithUploadFailed() {
    assertThatThrownBy(() -> upload("/t/existing", "src/a.txt"))
        .hasMessage("scp: /t/existing: Is a directory");
    assertThat(ctx.ui().lines())
        .containsExactly(
            "say: Uploading src/a.txt => /t/existing",
            "error: Upload failed: scp: /t/existing: Is a directory");
  }

  @Test
  void directoryWithoutSlashBecomesAMissingDestination() throws Exception {
    upload("/t/d1", "src");
    assertThat(comm.local("/t/d1/a.txt")).hasContent("A");
    assertThat(comm.local("/t/d1/sub/b.txt")).hasContent("B");
    assertThat(comm.calls()).containsExactly("uploadDir /t/d1 src false");
  }

  @Test
  void directoryWithoutSlashGoesInsideAnExistingDestination() throws Exception {
    upload("/t/existing", "src");
    assertThat(comm.local("/t/existing/src/sub/b.txt")).hasContent("B");
  }

  @Test
  void directoryWithSlashSendsItsContentsAndCreatesAMissingDestination() throws Exception {
    // Packer fails here ("Process exited with status 1").
    upload("/t/d2", "src/");
    assertThat(comm.local("/t/d2/a.txt")).hasContent("A");
    assertThat(comm.local("/t/d2/sub/b.txt")).hasContent("B");
    assertThat(comm.calls()).containsExactly("run mkdir -p '/t/d2'", "uploadDir /t/d2 src true");
  }

  @Test
  void directoryWithSlashIntoExistingDestination() throws Exception {
    upload("/t/existing", "src/");
    assertThat(comm.local("/t/existing/a.txt")).hasContent("A");
    assertThat(comm.local("/t/existing/src")).doesNotExist();
  }

  @Test
  void sourceAndDestinationAreRenderedWithBuildData() throws Exception {
    new FileProvisioner(
            new FileProvisionerConfig(
                "src/{{build `Name`}}", null, "/t/{{.ID}}.txt", null, true, null))
        .provision(ctx, comm, Map.of("Name", "a.txt", "ID", "i-1"));
    assertThat(comm.local("/t/i-1.txt")).hasContent("A");
  }

  @Test
  void missingLocalSourceAtRunTime() {
    assertThatThrownBy(() -> upload("/t/x", "gone.txt"))
        .hasMessage("stat gone.txt: no such file or directory");
  }

  @Test
  void contentIsWrittenToTheDestination() throws Exception {
    new FileProvisioner(new FileProvisionerConfig(null, null, "/t/motd", null, null, "hi\n"))
        .provision(ctx, comm, Map.of());
    assertThat(comm.local("/t/motd")).hasContent("hi\n");
    new FileProvisioner(new FileProvisionerConfig(null, null, "/t/new/", null, null, "x"))
        .provision(ctx, comm, Map.of());
    assertThat(comm.local("/t/new/pkr-file-content")).hasContent("x");
  }

  @Test
  void downloadIntoDirectoryKeepsTheNameAndCreatesLocalDirectories() throws Exception {
    Files.writeString(comm.local("/t/existing/hostname"), "box\n");
    download("dl/deep/", "/t/existing/hostname");
    assertThat(work.resolve("dl/deep/hostname")).hasContent("box\n");
    assertThat(Files.getPosixFilePermissions(work.resolve("dl/deep/hostname")))
        .isSubsetOf(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(ctx.ui().lines())
        .containsExactly("say: Downloading /t/existing/hostname => dl/deep/");
  }

  @Test
  void downloadToAFilePathCreatesItsParent() throws Exception {
    Files.writeString(comm.local("/t/existing/hostname"), "box\n");
    download("out/name.txt", "/t/existing/hostname");
    assertThat(work.resolve("out/name.txt")).hasContent("box\n");
  }

  @Test
  void everyDownloadSourceLandsInTheSameDirectory() throws Exception {
    // Packer appends each file name to the destination of the next source: dl/a/b.
    Files.writeString(comm.local("/t/existing/a"), "1");
    Files.writeString(comm.local("/t/existing/b"), "2");
    download("dl/", "/t/existing/a", "/t/existing/b");
    assertThat(work.resolve("dl/a")).hasContent("1");
    assertThat(work.resolve("dl/b")).hasContent("2");
  }

  @Test
  void trailingSlashOrPatternDownloadsADirectory() throws Exception {
    Files.writeString(comm.local("/t/existing/a"), "1");
    download("dl/", "/t/existing/");
    assertThat(work.resolve("dl/a")).hasContent("1");
    download("dl2", "/t/existing/*");
    assertThat(work.resolve("dl2/a")).hasContent("1");
    assertThat(comm.calls())
        .containsExactly("downloadDir /t/existing/", "downloadDir /t/existing/*");
  }

  @Test
  void failedDownloadSaysDownloadFailed() {
    assertThatThrownBy(() -> download("dl/", "/t/missing"))
        .hasMessage("scp: /t/missing: No such file or directory");
    assertThat(ctx.ui().lines())
        .contains("error: Download failed: scp: /t/missing: No such file or directory");
  }

  @Test
  void goBaseName() {
    assertThat(RemotePaths.base("/etc/hostname")).isEqualTo("hostname");
    assertThat(RemotePaths.base("dir/sub/")).isEqualTo("sub");
    assertThat(RemotePaths.base("///")).isEqualTo("/");
    assertThat(RemotePaths.base("")).isEqualTo(".");
    assertThat(RemotePaths.shellQuote("it's")).isEqualTo("'it'\"'\"'s'");
  }
}
