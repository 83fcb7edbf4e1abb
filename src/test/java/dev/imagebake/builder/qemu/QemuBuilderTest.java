package dev.imagebake.builder.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.StepFailedException;
import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's steps against a real QEMU (TCG) that boots nothing (a blank disk): what happens
 * when SSH never comes up, when QEMU exits or cannot start; plus the HTTP server and downloads. The
 * real guest is booted by the end-to-end tests.
 */
class QemuBuilderTest {
  private static final ProvisionHook NO_PROVISIONERS =
      new ProvisionHook() {
        @Override
        public void provision(dev.imagebake.sdk.Communicator comm, Map<String, String> data) {}

        @Override
        public void provisionErrorCleanup(
            dev.imagebake.sdk.Communicator comm, Map<String, String> data) {}
      };

  @TempDir Path dir;

  @AfterEach
  void noQemuLeft() {
    assertThat(qemuChildren()).as("QEMU processes left behind").isEmpty();
  }

  private static List<ProcessHandle> qemuChildren() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().orElse("").contains("qemu-system"))
        .toList();
  }

  private QemuConfig blankDisk(String extra) throws IOException {
    Files.write(dir.resolve("blank.raw"), new byte[1 << 20]);
    return QemuConfigs.valid(
        dir,
        """
        {"type": "qemu", "disk_image": true, "iso_url": "blank.raw", "iso_checksum": "none",
         "format": "raw", "accelerator": "tcg", "headless": true, "memory": 64,
         "ssh_username": "root", "ssh_password": "x", "ssh_timeout": "2s" %s}
        """
            .formatted(extra));
  }

  private static QemuBuilder builder(QemuConfig c) {
    return new QemuBuilder(c, Accelerators.probingHost());
  }

  @Test
  void sshThatNeverComesUpFailsTheBuildAndCleansEverythingUp() throws Exception {
    QemuConfig c =
        blankDisk(
            """
            , "boot_wait": "-1s", "boot_key_interval": "1ms",
            "boot_command": ["root<enter><leftAltOn><f2><leftAltOff>{{ .Name }}"],
            "qemuargs": [["-S"]]""");
    TestBuildContext ctx =
        TestBuildContext.create()
            .withWorkingDirectory(dir)
            .withBuild("blank", "qemu")
            .withConnector(
                (config, target, context) -> {
                  assertThat(target.host()).isEqualTo("127.0.0.1");
                  assertThat(target.port()).isBetween(2222, 4444);
                  assertThat(qemuChildren()).hasSize(1);
                  throw new IOException("Timeout waiting for SSH.");
                });

    assertThatThrownBy(() -> builder(c).run(ctx, NO_PROVISIONERS))
        .isInstanceOf(StepFailedException.class)
        .hasMessageStartingWith("Timeout waiting for SSH.\n")
        .hasMessageContaining("serial console");
    assertThat(ctx.ui().said())
        .contains(
            "Starting VM, booting disk image",
            "Typing the boot command over QMP...",
            "Deleting output directory...");
    assertThat(dir.resolve("output-blank")).doesNotExist();
  }

  @Test
  void qemuExitingEndsTheWaitForSshAtOnce() throws Exception {
    QemuConfig c = blankDisk("");
    TestBuildContext ctx =
        TestBuildContext.create()
            .withWorkingDirectory(dir)
            .withBuild("exits", "qemu")
            .withConnector(
                (config, target, context) -> {
                  // Waits like the SSH connector does: only QEMU's exit can end this early.
                  context.cancellation().sleep(Duration.ofMinutes(5));
                  throw new IOException("waited 5 minutes");
                });
    // QEMU dies once the build waits for the guest's SSH server.
    Thread killer =
        new Thread(
            () -> {
              long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
              while (ctx.ui().said().stream().noneMatch(l -> l.startsWith("Waiting for the guest"))
                  && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
              }
              qemuChildren().forEach(ProcessHandle::destroy);
            });
    killer.start();

    assertThatThrownBy(() -> builder(c).run(ctx, NO_PROVISIONERS))
        .isInstanceOf(StepFailedException.class)
        .hasMessageStartingWith("QEMU exited (status ")
        .hasMessageContaining("before the guest could be reached over SSH");
    killer.join();
    assertThat(dir.resolve("output-exits")).doesNotExist();
  }

  @Test
  void qemuThatCannotStartFailsWithItsOwnMessage() throws Exception {
    QemuConfig c = blankDisk(", \"qemuargs\": [[\"-no-such-option\"]]");
    TestBuildContext ctx =
        TestBuildContext.create().withWorkingDirectory(dir).withBuild("bad", "qemu");

    assertThatThrownBy(() -> builder(c).run(ctx, NO_PROVISIONERS))
        .hasMessageStartingWith("Error launching VM: Qemu failed to start (exit status 1):")
        .hasMessageContaining("-no-such-option");
    assertThat(dir.resolve("output-bad")).doesNotExist();
  }

  @Test
  void anExistingOutputDirectoryIsRefusedAndKept() throws Exception {
    QemuConfig c = blankDisk(", \"output_directory\": \"out\"");
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/keep"), "mine");
    TestBuildContext ctx =
        TestBuildContext.create().withWorkingDirectory(dir).withBuild("o", "qemu");

    assertThatThrownBy(() -> builder(c).run(ctx, NO_PROVISIONERS))
        .hasMessage("Output directory 'out' already exists. It must not exist.");
    assertThat(dir.resolve("out/keep")).hasContent("mine");
  }

  @Test
  void httpFilesServeTheDirectoryOnlyAndTellScriptsTheAddress() throws Exception {
    Files.createDirectories(dir.resolve("http"));
    Files.writeString(dir.resolve("http/ks.cfg"), "text\n");
    Files.writeString(dir.resolve("secret"), "no");
    HttpConfig http = new HttpConfig("http", null, 8100, 8200, null);
    StateBag state = new StateBag();
    TestBuildContext ctx = TestBuildContext.create().withWorkingDirectory(dir);
    StepHttpServer step = new StepHttpServer(http);
    step.run(ctx, state);
    try {
      int port = state.require(QemuState.HTTP).port();
      assertThat(port).isBetween(8100, 8200);
      assertThat(get(port, "/ks.cfg")).isEqualTo("200 text\n");
      assertThat(get(port, "/../secret")).startsWith("404");
      assertThat(get(port, "/missing")).startsWith("404");
      assertThat(state.require(dev.imagebake.sdk.steps.StateKeys.BUILD_DATA))
          .containsEntry("PackerHTTPAddr", "10.0.2.2:" + port)
          .containsEntry("PackerHTTPPort", Integer.toString(port));
    } finally {
      step.cleanup(ctx, state);
    }
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void httpIsosAreDownloadedOnceIntoTheCacheAndVerified() throws Exception {
    Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("site/x.iso"), "iso bytes");
    String sha = StepDownload.digest(dir.resolve("site/x.iso"), "SHA-256");
    try (HttpFiles site = HttpFiles.start("127.0.0.1", 18000, 18100, dir.resolve("site"), null)) {
      String url = "http://127.0.0.1:" + site.port() + "/x.iso";
      IsoConfig iso = new IsoConfig(url, null, "sha256:" + sha, null, null, null, null, null);
      Map<String, String> env = Map.of("PACKER_CACHE_DIR", dir.resolve("cache").toString());
      TestBuildContext ctx = TestBuildContext.create().withWorkingDirectory(dir);
      StateBag state = new StateBag();
      new StepDownload(iso, env).run(ctx, state);
      Path cached = state.require(QemuState.SOURCE);
      assertThat(cached).startsWith(dir.resolve("cache")).hasContent("iso bytes");
      assertThat(cached.getFileName().toString()).endsWith(".iso");

      new StepDownload(iso, env).run(ctx, new StateBag());
      assertThat(ctx.ui().messages()).contains("Using file in cache: " + cached);

      IsoConfig wrong =
          new IsoConfig(url, null, "md5:" + "0".repeat(32), null, null, null, null, null);
      assertThatThrownBy(() -> new StepDownload(wrong, env).run(ctx, new StateBag()))
          .hasMessageContaining("Checksums did not match for")
          .hasMessageContaining("Expected: " + "0".repeat(32));
    }
  }

  @Test
  void namesWithSpacesAreFetchedAsPackerDoesAndUnparsableUrlsAreSkipped() throws Exception {
    Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("site/a b.iso"), "spaced iso");
    String sha = StepDownload.digest(dir.resolve("site/a b.iso"), "SHA-256");
    Files.writeString(dir.resolve("site/SUMS b"), sha + "  a b.iso\n");
    Map<String, String> env = Map.of("PACKER_CACHE_DIR", dir.resolve("cache").toString());
    TestBuildContext ctx = TestBuildContext.create().withWorkingDirectory(dir);
    try (HttpFiles site = HttpFiles.start("127.0.0.1", 18000, 18100, dir.resolve("site"), null)) {
      String base = "http://127.0.0.1:" + site.port() + "/";
      List<String> urls = List.of("http://ho st/a b.iso", base + "a b.iso?mirror=eu west");
      for (String checksum : List.of("sha256:" + sha, "file:" + base + "SUMS b")) {
        IsoConfig iso = new IsoConfig(null, urls, checksum, null, null, null, null, true);
        StateBag state = new StateBag();
        new StepDownload(iso, env).run(ctx, state);
        assertThat(state.require(QemuState.SOURCE)).hasContent("spaced iso");
      }
      assertThat(ctx.ui().errors())
          .contains(
              "Error downloading: url parse: parse \"http://ho st/a b.iso\": invalid character \" \""
                  + " in host name");
    }
    for (String local :
        List.of("site/a b.iso", "site/a%20b.iso", "file://" + dir + "/site/a b.iso")) {
      IsoConfig iso =
          new IsoConfig(local, null, "file:site/SUMS%20b", null, null, null, null, null);
      StateBag state = new StateBag();
      new StepDownload(iso, env).run(ctx, state);
      assertThat(state.require(QemuState.SOURCE)).as(local).isEqualTo(dir.resolve("site/a b.iso"));
    }
    IsoConfig nul = new IsoConfig("a%00b.iso", null, "none", null, null, null, null, null);
    assertThatThrownBy(() -> new StepDownload(nul, env).run(ctx, new StateBag()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot be a file name");
  }

  @Test
  void cdFilesBecomeALabelledIso() throws Exception {
    Files.writeString(dir.resolve("user-data"), "#cloud-config\n");
    Files.createDirectories(dir.resolve("extra"));
    Files.writeString(dir.resolve("extra/a.txt"), "a\n");
    MediaConfig media = new MediaConfig(List.of("user-data", "extra"), "cidata", null, null, null);
    TestBuildContext ctx = TestBuildContext.create().withWorkingDirectory(dir);
    StateBag state = new StateBag();
    state.put(QemuState.TEMP_DIR, Files.createDirectories(dir.resolve("tmp")));
    new StepCreateCd(media).run(ctx, state);
    Path iso = state.require(QemuState.CD);
    Process p =
        new ProcessBuilder("xorriso", "-indev", iso.toString(), "-pvd_info", "-find", "/")
            .redirectErrorStream(true)
            .start();
    String listing = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(listing).isZero();
    assertThat(listing)
        .contains("Volume Id    : cidata")
        .contains("'/user-data'")
        .contains("'/extra/a.txt'");
  }
}
