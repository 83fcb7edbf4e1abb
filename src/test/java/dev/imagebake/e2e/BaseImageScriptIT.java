package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code bin/base-image} without booting anything: only the image folder on stdout,
 * the cached image reused as it is, an incomplete one rebuilt, an interrupted build leaving nothing
 * behind. Each test uses its own cache folder ({@code IMAGEBAKE_CACHE}).
 */
class BaseImageScriptIT {
  private static final Path SCRIPT = Launcher.HOME.resolve("bin/base-image");
  private static final List<String> FILES =
      List.of("vmlinuz", "initrd.img", "disk.qcow2", "id_ed25519", "id_ed25519.pub", "append.txt");

  @TempDir Path cache;

  private Launcher.Result run() throws Exception {
    return Launcher.exec(cache, Map.of("IMAGEBAKE_CACHE", cache.toString()), SCRIPT.toString());
  }

  @Test
  void printsOnlyTheImageFolderAndReusesItUnchanged() throws Exception {
    Launcher.Result first = run();
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).matches(cache.resolve("base-image") + "/[0-9a-f]{16}\n");
    assertThat(first.stderr()).contains("building");
    Path dir = Path.of(first.stdout().strip());
    for (String f : FILES) {
      assertThat(dir.resolve(f)).isNotEmptyFile();
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("id_ed25519")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(dir.resolve("append.txt"))).startsWith("root=/dev/vda rw ");
    long built = Files.getLastModifiedTime(dir.resolve("disk.qcow2")).toMillis();

    Launcher.Result again = run();
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stdout()).isEqualTo(first.stdout());
    assertThat(again.stderr()).isEmpty();
    assertThat(Files.getLastModifiedTime(dir.resolve("disk.qcow2")).toMillis()).isEqualTo(built);
  }

  @Test
  void anIncompleteImageIsRebuilt() throws Exception {
    Path dir = Path.of(run().stdout().strip());
    Files.delete(dir.resolve("disk.qcow2"));

    Launcher.Result again = run();
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stdout().strip()).isEqualTo(dir.toString());
    assertThat(again.stderr()).contains("building");
    assertThat(dir.resolve("disk.qcow2")).isNotEmptyFile();
  }

  @Test
  void anInterruptedBuildLeavesNothingBehind() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true);
    pb.environment().put("IMAGEBAKE_CACHE", cache.toString());
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    do {
      line = out.readLine();
    } while (line != null && !line.contains("packing"));
    assertThat(line).as("the build reached the packing stage").isNotNull();
    p.destroy(); // SIGTERM, in the middle of packing the initrd and the disk
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isNotZero();

    try (Stream<Path> left = Files.list(cache.resolve("base-image"))) {
      assertThat(left.map(f -> f.getFileName().toString())).containsOnly(".lock");
    }
  }
}
