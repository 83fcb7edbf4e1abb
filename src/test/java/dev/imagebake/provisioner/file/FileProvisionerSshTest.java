package dev.imagebake.provisioner.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.communicator.ssh.SshCommunicatorFactory;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file provisioner against a real OpenSSH server, over scp and sftp: the rows of reference
 * §4.5, with imagebake's creation of missing destination directories.
 */
class FileProvisionerSshTest {
  private static OpenSshServer sshd;

  @TempDir Path work;
  private Path remote;
  private TestBuildContext ctx;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  @BeforeEach
  void setUp() throws Exception {
    ctx = TestBuildContext.create().withWorkingDirectory(work);
    Files.createDirectories(work.resolve("src/sub"));
    Files.writeString(work.resolve("src/a.txt"), "A");
    Files.writeString(work.resolve("src/sub/b.txt"), "B");
    remote = Files.createTempDirectory(sshd.directory(), "t");
    Files.createDirectories(remote.resolve("existing"));
  }

  private String r(String path) {
    return remote + "/" + path;
  }

  private void transfer(String method, String direction, String destination, String... sources)
      throws Exception {
    try (Communicator comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).sshFileTransferMethod(method).communicatorConfig(),
                ConnectTarget.fromConfig(),
                ctx)) {
      new FileProvisioner(
              new FileProvisionerConfig(null, List.of(sources), destination, direction, null, null))
          .provision(ctx, comm, Map.of());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void fileIntoExistingDirectoryAndRenamedWithItsMode(String method) throws Exception {
    Files.setPosixFilePermissions(
        work.resolve("src/a.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    transfer(method, null, r("existing/"), "src/a.txt");
    transfer(method, null, r("renamed.txt"), "src/a.txt");
    assertThat(remote.resolve("existing/a.txt")).hasContent("A");
    assertThat(remote.resolve("renamed.txt")).hasContent("A");
    assertThat(Files.getPosixFilePermissions(remote.resolve("renamed.txt")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(ctx.ui().said()).contains("Uploading src/a.txt => " + r("renamed.txt"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void filesIntoMissingDirectoryCreateIt(String method) throws Exception {
    transfer(method, null, r("multi/"), "src/a.txt", "src/sub/b.txt");
    assertThat(remote.resolve("multi")).isDirectory();
    assertThat(remote.resolve("multi/a.txt")).hasContent("A");
    assertThat(remote.resolve("multi/b.txt")).hasContent("B");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void fileOntoDirectoryWithoutSlashFails(String method) {
    assertThatThrownBy(() -> transfer(method, null, r("existing"), "src/a.txt"));
    assertThat(ctx.ui().errors()).singleElement().asString().startsWith("Upload failed: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void directoryWithoutSlash(String method) throws Exception {
    transfer(method, null, r("d1"), "src");
    assertThat(remote.resolve("d1/a.txt")).hasContent("A");
    assertThat(remote.resolve("d1/sub/b.txt")).hasContent("B");
    transfer(method, null, r("existing"), "src");
    assertThat(remote.resolve("existing/src/a.txt")).hasContent("A");
    assertThat(remote.resolve("existing/src/sub/b.txt")).hasContent("B");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void directoryWithSlash(String method) throws Exception {
    transfer(method, null, r("d2"), "src/");
    assertThat(remote.resolve("d2/a.txt")).hasContent("A");
    assertThat(remote.resolve("d2/sub/b.txt")).hasContent("B");
    transfer(method, null, r("existing"), "src/");
    assertThat(remote.resolve("existing/a.txt")).hasContent("A");
    assertThat(remote.resolve("existing/src")).doesNotExist();
    // The progress line's count: every file's bytes, of the tree's total.
    assertThat(ctx.ui().transfers()).containsExactly("2 of 2", "2 of 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void contentIntoAMissingDirectory(String method) throws Exception {
    try (Communicator comm =
        new SshCommunicatorFactory()
            .connect(
                SshConfigBuilder.forServer(sshd).sshFileTransferMethod(method).communicatorConfig(),
                ConnectTarget.fromConfig(),
                ctx)) {
      new FileProvisioner(new FileProvisionerConfig(null, null, r("etc/"), null, null, "x=1\n"))
          .provision(ctx, comm, Map.of());
    }
    assertThat(remote.resolve("etc/pkr-file-content")).hasContent("x=1\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void downloadsAFileIntoADirectory(String method) throws Exception {
    Files.writeString(remote.resolve("existing/hostname"), "box\n");
    transfer(method, "download", "dl/", r("existing/hostname"));
    assertThat(work.resolve("dl/hostname")).hasContent("box\n");
    assertThat(ctx.ui().said()).contains("Downloading " + r("existing/hostname") + " => dl/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void downloadsADirectory(String method) throws Exception {
    Files.createDirectories(remote.resolve("tree/sub"));
    Files.writeString(remote.resolve("tree/x"), "X");
    Files.writeString(remote.resolve("tree/sub/y"), "Y");
    transfer(method, "download", "dl/", r("tree/"));
    assertThat(work.resolve("dl/tree/x")).hasContent("X");
    assertThat(work.resolve("dl/tree/sub/y")).hasContent("Y");
    assertThat(ctx.ui().transfers()).containsExactly("2 of -1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp"})
  void downloadsAPattern(String method) throws Exception {
    Files.createDirectories(remote.resolve("tree"));
    Files.writeString(remote.resolve("tree/x"), "X");
    Files.writeString(remote.resolve("tree/y z"), "YZ");
    Files.writeString(remote.resolve("tree/$(touch pwned)"), "Q");
    transfer(method, "download", "dl3", r("tree/*"));
    assertThat(work.resolve("dl3/x")).hasContent("X");
    assertThat(work.resolve("dl3/y z")).hasContent("YZ");
    assertThat(work.resolve("dl3/$(touch pwned)")).hasContent("Q");
    transfer(method, "download", "dl4", r("tree/[xy]*"));
    assertThat(work.resolve("dl4/x")).hasContent("X");
    assertThat(work.resolve("dl4/y z")).hasContent("YZ");
    assertThat(work.resolve("dl4/$(touch pwned)")).doesNotExist();
  }
}
