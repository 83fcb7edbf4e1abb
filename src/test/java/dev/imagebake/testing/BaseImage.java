package dev.imagebake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The small bootable test VM made by {@code bin/base-image} (Debian cloud kernel, busybox initrd,
 * ext4 root with OpenSSH), built on first use and cached between runs. See {@link TestVm} to boot
 * it.
 *
 * @param dir the cache directory the script printed; its files are never modified by tests
 */
public record BaseImage(Path dir) {
  /** The script, relative to the project root (the working directory of Maven's test runs). */
  public static final Path SCRIPT = Path.of("bin/base-image").toAbsolutePath();

  private static final long BUILD_TIMEOUT_MINUTES = 5;

  /** Runs {@code bin/base-image} (builds the image, or reuses the cached one) and returns it. */
  public static BaseImage get() {
    Path err = null;
    try {
      err = Files.createTempFile("imagebake-base-image", ".log");
      Process p =
          new ProcessBuilder(SCRIPT.toString())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectError(err.toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("bin/base-image timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "bin/base-image failed (exit " + p.exitValue() + "):\n" + Files.readString(err));
      }
      return new BaseImage(Path.of(out.strip()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (err != null) {
        err.toFile().delete();
      }
    }
  }

  public Path kernel() {
    return dir.resolve("vmlinuz");
  }

  public Path initrd() {
    return dir.resolve("initrd.img");
  }

  /** The qcow2 root disk; boot an {@link #overlay} of it, never the file itself. */
  public Path disk() {
    return dir.resolve("disk.qcow2");
  }

  /** The throwaway ed25519 private key root accepts (OpenSSH format). */
  public Path privateKey() {
    return dir.resolve("id_ed25519");
  }

  public Path publicKey() {
    return dir.resolve("id_ed25519.pub");
  }

  /** The kernel command line, e.g. {@code root=/dev/vda rw console=ttyS0 quiet}. */
  public String append() {
    try {
      return Files.readString(dir.resolve("append.txt")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates {@code target}, a qcow2 overlay whose backing file is {@link #disk()}. */
  public Path overlay(Path target) {
    run(
        List.of(
            "qemu-img",
            "create",
            "-q",
            "-f",
            "qcow2",
            "-b",
            disk().toString(),
            "-F",
            "qcow2",
            target.toString()));
    return target;
  }

  /**
   * Reads a file from the ext4 file system of a (powered-off) disk image without booting it: the
   * disk is converted to raw next to itself, then read with {@code debugfs}.
   *
   * @param disk a qcow2 (or raw) image of this base image's root disk
   * @param guestPath an absolute path inside the guest, e.g. {@code /root/hello.txt}
   */
  public static String readOffline(Path disk, String guestPath) {
    Path raw = disk.resolveSibling(disk.getFileName() + ".offline.raw");
    try {
      run(List.of("qemu-img", "convert", "-O", "raw", disk.toString(), raw.toString()));
      return run(List.of("debugfs", "-R", "cat " + guestPath, raw.toString()));
    } finally {
      raw.toFile().delete();
    }
  }

  /** Runs a short local tool; returns its stdout, or throws with its output if it fails. */
  static String run(List<String> command) {
    try {
      Path err = Files.createTempFile("imagebake-tool", ".log");
      try {
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + command);
        }
        String stderr = Files.readString(err);
        if (p.exitValue() != 0 || stderr.contains("File not found")) {
          throw new IllegalStateException(
              command + " failed (exit " + p.exitValue() + "):\n" + out + stderr);
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
