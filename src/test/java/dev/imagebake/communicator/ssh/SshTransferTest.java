package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.TransferProgress;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.RecordingUi;
import dev.imagebake.testing.SshConfigBuilder;
import dev.imagebake.testing.TestBuildContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import net.schmizz.sshj.SSHClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transfers over scp and sftp, including the trailing-slash rows of reference §4.5. */
class SshTransferTest {
  static OpenSshServer sshd;

  @TempDir Path local;
  Path src;
  Path remote;

  @BeforeAll
  static void start() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stop() {
    sshd.stop();
  }

  @BeforeEach
  void tree() throws IOException {
    src = local.resolve("src");
    Files.createDirectories(src.resolve("sub"));
    Files.writeString(src.resolve("a.txt"), "A\n");
    Files.writeString(src.resolve("sub/b.txt"), "B\n");
    Files.setPosixFilePermissions(
        src.resolve("a.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    remote = Files.createTempDirectory(sshd.directory(), "t");
    Files.createDirectories(remote.resolve("existing"));
  }

  static Communicator connect(String method) throws IOException {
    return new SshConnector(Duration.ofMillis(50))
        .connect(
            SshConfigBuilder.forServer(sshd).sshFileTransferMethod(method).communicatorConfig(),
            ConnectTarget.fromConfig(),
            TestBuildContext.create());
  }

  static void upload(Communicator comm, Path remotePath, String text, int mode) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    comm.upload(remotePath.toString(), new ByteArrayInputStream(data), data.length, mode);
  }

  static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> !p.equals(dir))
          .map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : "=" + read(p)))
          .sorted()
          .toList();
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void uploadsFilesWithMode(String method) throws IOException {
    try (Communicator comm = connect(method)) {
      upload(comm, remote.resolve("existing/a.txt"), "one", 0640);
      upload(comm, remote.resolve("renamed.txt"), "two", 0755);
      upload(comm, remote.resolve("renamed.txt"), "three", 0755); // replaces
      upload(comm, remote.resolve("with space's.txt"), "quoted", 0644);
    }
    assertThat(Files.readString(remote.resolve("existing/a.txt"))).isEqualTo("one");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(remote.resolve("existing/a.txt"))))
        .isEqualTo("rw-r-----");
    assertThat(Files.readString(remote.resolve("renamed.txt"))).isEqualTo("three");
    assertThat(Files.isExecutable(remote.resolve("renamed.txt"))).isTrue();
    assertThat(Files.readString(remote.resolve("with space's.txt"))).isEqualTo("quoted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void uploadIntoAnExistingDirectoryNameFails(String method) throws IOException {
    try (Communicator comm = connect(method)) {
      assertThatThrownBy(() -> upload(comm, remote.resolve("existing"), "x", 0644))
          .isInstanceOf(IOException.class);
    }
    if (method.equals("scp")) {
      try (Communicator comm = connect(method)) {
        assertThatThrownBy(() -> upload(comm, remote.resolve("existing"), "x", 0644))
            .hasMessage("scp: " + remote.resolve("existing") + ": Is a directory");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void uploadNeedsAFileName(String method) throws IOException {
    try (Communicator comm = connect(method)) {
      assertThatThrownBy(
              () ->
                  comm.upload(
                      remote + "/existing/", new ByteArrayInputStream(new byte[1]), 1, 0644))
          .hasMessageStartingWith("upload: the remote path must name a file: ");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void uploadToAMissingDirectory(String method) throws IOException {
    try (Communicator comm = connect(method)) {
      upload(comm, remote.resolve("multi/a.txt"), "last", 0644);
    }
    if (method.equals("scp")) {
      // Packer's scp quirk (§4.5 row 3): a FILE named like the missing directory.
      assertThat(Files.isRegularFile(remote.resolve("multi"))).isTrue();
      assertThat(Files.readString(remote.resolve("multi"))).isEqualTo("last");
    } else {
      // imagebake's sftp creates the missing directory.
      assertThat(Files.readString(remote.resolve("multi/a.txt"))).isEqualTo("last");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void directoryWithoutSlashToMissingDestinationBecomesIt(String method) throws IOException {
    try (Communicator comm = connect(method)) {
      comm.uploadDir(remote.resolve("d1").toString(), src, false);
    }
    assertThat(listing(remote.resolve("d1"))).containsExactly("a.txt=A", "sub/", "sub/b.txt=B");
    assertThat(Files.isExecutable(remote.resolve("d1/a.txt"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void directoryWithoutSlashToExistingDestinationGoesInside(String method) throws IOException {
    Files.createDirectories(remote.resolve("d3"));
    try (Communicator comm = connect(method)) {
      comm.uploadDir(remote.resolve("d3").toString(), src, false);
    }
    assertThat(listing(remote.resolve("d3")))
        .containsExactly("src/", "src/a.txt=A", "src/sub/", "src/sub/b.txt=B");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void contentsToExistingDestination(String method) throws IOException {
    Files.createDirectories(remote.resolve("d2"));
    try (Communicator comm = connect(method)) {
      comm.uploadDir(remote.resolve("d2").toString(), src, true);
    }
    assertThat(listing(remote.resolve("d2"))).containsExactly("a.txt=A", "sub/", "sub/b.txt=B");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void contentsToMissingDestination(String method) throws IOException {
    try (Communicator comm = connect(method)) {
      if (method.equals("scp")) {
        // As Packer's scp (§4.5): an error.
        assertThatThrownBy(() -> comm.uploadDir(remote.resolve("d2").toString(), src, true))
            .hasMessage("scp: " + remote.resolve("d2") + ": Not a directory");
        return;
      }
      comm.uploadDir(remote.resolve("d2").toString(), src, true);
    }
    assertThat(listing(remote.resolve("d2"))).containsExactly("a.txt=A", "sub/", "sub/b.txt=B");
  }

  @Test
  void scpTreesGoAsOneTarStreamOnlyWhereNothingExistsYet() throws Exception {
    Files.setPosixFilePermissions(src.resolve("sub"), PosixFilePermissions.fromString("rwx------"));
    Path empty = Files.createDirectories(remote.resolve("empty"));
    Path inside = Files.createDirectories(remote.resolve("inside"));
    Path busy = Files.createDirectories(remote.resolve("busy"));
    Files.writeString(busy.resolve("a.txt"), "old");
    Files.setPosixFilePermissions(
        busy.resolve("a.txt"), PosixFilePermissions.fromString("rw-------"));
    SshSettings settings =
        SshSettings.resolve(
            SshConfigBuilder.forServer(sshd).communicatorConfig(),
            ConnectTarget.fromConfig(),
            local::resolve,
            System::getenv);
    SshLink link = new SshDialer(settings, new RecordingUi()).dial();
    try {
      SSHClient client = link.client();
      RemoteFiles.Aborter none = channel -> {};
      assertThat(
              TarUpload.tryUpload(
                  client,
                  none,
                  remote.resolve("new").toString(),
                  src,
                  false,
                  TransferProgress.none()))
          .isTrue();
      assertThat(
              TarUpload.tryUpload(
                  client, none, empty.toString(), src, true, TransferProgress.none()))
          .isTrue();
      assertThat(
              TarUpload.tryUpload(client, none, inside + "/", src, false, TransferProgress.none()))
          .isTrue();
      // Where something exists already, scp's rules apply (an overwritten file keeps its mode).
      assertThat(
              TarUpload.tryUpload(
                  client, none, busy.toString(), src, true, TransferProgress.none()))
          .isFalse();
      assertThat(Files.readString(busy.resolve("a.txt"))).isEqualTo("old");
      new ScpFiles().uploadDir(client, none, busy.toString(), src, true, TransferProgress.none());
    } finally {
      link.close();
    }
    for (Path dir : List.of(remote.resolve("new"), empty, inside.resolve("src"), busy)) {
      assertThat(listing(dir)).containsExactly("a.txt=A", "sub/", "sub/b.txt=B");
      assertThat(Files.getPosixFilePermissions(dir.resolve("sub")))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      assertThat(Files.getPosixFilePermissions(dir.resolve("sub/b.txt")))
          .isEqualTo(Files.getPosixFilePermissions(src.resolve("sub/b.txt")));
    }
    for (Path dir : List.of(remote.resolve("new"), empty, inside.resolve("src"))) {
      assertThat(Files.getPosixFilePermissions(dir.resolve("a.txt")))
          .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    }
    assertThat(Files.getPosixFilePermissions(busy.resolve("a.txt")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void transfersReconnectAfterTheConnectionWasDropped(String method) throws IOException {
    try (OpenSshServer server = OpenSshServer.start();
        Communicator comm =
            new SshConnector(Duration.ofMillis(50))
                .connect(
                    SshConfigBuilder.forServer(server)
                        .sshFileTransferMethod(method)
                        .communicatorConfig(),
                    ConnectTarget.fromConfig(),
                    TestBuildContext.create())) {
      Path target = server.directory().resolve("after-drop.txt");
      server.dropConnections();
      upload(comm, target, "again", 0644);
      assertThat(Files.readString(target)).isEqualTo("again");

      server.dropConnections();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      comm.download(target.toString(), out);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("again");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void aFailureInsideATreeIsReported(String method) throws IOException {
    Path d = Files.createDirectories(remote.resolve("blocked"));
    Files.writeString(d.resolve("sub"), "a file where the tree has a directory");
    try (Communicator comm = connect(method)) {
      assertThatThrownBy(() -> comm.uploadDir(d.toString(), src, true))
          .isInstanceOf(IOException.class)
          .satisfies(
              e -> {
                if (method.equals("scp")) {
                  assertThat(e).hasMessageContaining(d.resolve("sub").toString());
                }
              });
      // The connection is still usable afterwards.
      upload(comm, remote.resolve("after.txt"), "ok", 0644);
    }
    assertThat(Files.readString(remote.resolve("after.txt"))).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void downloadsFilesAndTrees(String method) throws IOException {
    Files.createDirectories(remote.resolve("tree/sub"));
    Files.writeString(remote.resolve("tree/a.txt"), "A\n");
    Files.writeString(remote.resolve("tree/sub/b.txt"), "B\n");
    Path into = local.resolve("into");
    try (Communicator comm = connect(method)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      comm.download(remote.resolve("tree/a.txt").toString(), out);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("A\n");

      comm.downloadDir(remote.resolve("tree").toString(), into);

      assertThatThrownBy(
              () ->
                  comm.download(remote.resolve("missing").toString(), new ByteArrayOutputStream()))
          .isInstanceOf(IOException.class);
    }
    assertThat(listing(into))
        .containsExactly("tree/", "tree/a.txt=A", "tree/sub/", "tree/sub/b.txt=B");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void manyFilesInOneTree(String method) throws IOException {
    // 600 files: over scp, enough for one tar stream per CPU of the machine.
    Path many = local.resolve("many");
    for (int d = 0; d < 24; d++) {
      Path dir = Files.createDirectories(many.resolve("d" + d));
      for (int f = 0; f < 25; f++) {
        Files.writeString(dir.resolve("f" + f), d + "/" + f);
      }
    }
    Files.setPosixFilePermissions(
        many.resolve("d20"), PosixFilePermissions.fromString("rwx--x---"));
    long start = System.nanoTime();
    try (Communicator comm = connect(method)) {
      comm.uploadDir(remote.resolve("many").toString(), many, false);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%s: 600 files in 24 directories uploaded in %d ms%n", method, millis);
    assertThat(listing(remote.resolve("many")))
        .hasSize(624)
        .contains("d0/f0=0/0", "d11/f13=11/13", "d23/f24=23/24");
    if (method.equals("scp")) { // sftp creates directories with the default mode, as Packer's
      assertThat(Files.getPosixFilePermissions(remote.resolve("many/d20")))
          .isEqualTo(PosixFilePermissions.fromString("rwx--x---"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scp", "sftp"})
  void largeFile(String method) throws IOException {
    long size = 100L * 1024 * 1024;
    Path big = local.resolve("big");
    try (var out = Files.newOutputStream(big)) {
      byte[] block = new byte[1024 * 1024];
      for (int i = 0; i < block.length; i++) {
        block[i] = (byte) (i * 31 + 7);
      }
      for (int i = 0; i < size / block.length; i++) {
        block[0] = (byte) i;
        out.write(block);
      }
    }
    Path target = remote.resolve("big");
    long start = System.nanoTime();
    try (Communicator comm = connect(method);
        InputStream in = Files.newInputStream(big)) {
      comm.upload(target.toString(), in, size, 0644);
    }
    long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
    System.out.printf(
        "%s: 100 MiB uploaded in %d ms (%d MiB/s)%n", method, millis, 100_000 / millis);
    assertThat(Files.size(target)).isEqualTo(size);
    assertThat(Files.mismatch(big, target)).isEqualTo(-1);
  }
}
