package dev.imagebake.postprocessor.vagrant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.Artifact;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Synthetic input artifacts and a reader for the boxes made of them. */
final class Boxes {
  private Boxes() {}

  /** An artifact as the qemu builder makes it: its disk files and the facts in its state. */
  record QemuLikeArtifact(List<Path> files, Map<String, String> state) implements Artifact {
    @Override
    public String builderId() {
      return "transcend.qemu";
    }

    @Override
    public String id() {
      return "VM";
    }

    @Override
    public String describe() {
      return "VM files in directory: out";
    }

    @Override
    public Map<String, String> generatedData() {
      return Map.of("ID", "VM");
    }

    @Override
    public void destroy() throws IOException {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** An artifact as amazon-ebs makes it: no files, id {@code region:ami,...}. */
  record AmiLikeArtifact(String id) implements Artifact {
    @Override
    public String builderId() {
      return "mitchellh.amazonebs";
    }

    @Override
    public List<Path> files() {
      return List.of();
    }

    @Override
    public String describe() {
      return "AMIs were created";
    }

    @Override
    public Map<String, String> generatedData() {
      return Map.of("ID", id, "SourceAMI", "ami-source");
    }

    @Override
    public void destroy() {
      throw new AssertionError("an aws box keeps its AMIs");
    }
  }

  /**
   * Makes {@code dir/out/<name>} with the real {@code qemu-img create -f <format>} and returns an
   * artifact of it with the state the qemu builder sets.
   */
  static QemuLikeArtifact qemuDisk(
      Path dir, String name, String format, String sizeMiB, String accelerator) throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Process p =
        new ProcessBuilder("qemu-img", "create", "-q", "-f", format, "out/" + name, sizeMiB + "M")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return new QemuLikeArtifact(
        List.of(Path.of("out/" + name)),
        Map.of(
            "diskName", name, "diskType", format, "diskSize", sizeMiB, "domainType", accelerator));
  }

  /** A box's members in archive order, with their contents. */
  static Map<String, byte[]> members(Path box) throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    try (InputStream in = tarStream(box);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        members.put(e.getName(), tar.readAllBytes());
      }
    }
    return members;
  }

  static String text(Map<String, byte[]> members, String name) {
    assertThat(members).containsKey(name);
    return new String(members.get(name), StandardCharsets.UTF_8);
  }

  static boolean isGzip(Path box) throws IOException {
    try (InputStream in = Files.newInputStream(box)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }
  }

  private static InputStream tarStream(Path box) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(box));
    return isGzip(box) ? new GzipCompressorInputStream(raw) : raw;
  }
}
