package dev.imagebake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@link BaseImage} booted under QEMU (TCG, 256 MiB, user-mode networking with the guest's port
 * 22 forwarded to a free loopback port), on a qcow2 overlay in a temporary directory so the cached
 * image stays unchanged. For tests only.
 *
 * <pre>{@code
 * try (TestVm vm = TestVm.boot(BaseImage.get())) {
 *   vm.awaitSsh(Duration.ofMinutes(2));
 *   vm.ssh("echo hi > /root/x");
 *   vm.ssh("poweroff");
 *   assertThat(vm.awaitExit(Duration.ofMinutes(1))).isZero();
 *   BaseImage.readOffline(vm.disk(), "/root/x");
 * }
 * }</pre>
 *
 * {@link #close()} kills QEMU if it still runs and deletes the directory.
 */
public final class TestVm implements AutoCloseable {
  private static final String BANNER = "SSH-2.0-";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private final BaseImage image;
  private final Path dir;
  private final Process qemu;
  private final int port;

  private TestVm(BaseImage image, Path dir, Process qemu, int port) {
    this.image = image;
    this.dir = dir;
    this.qemu = qemu;
    this.port = port;
  }

  /** Starts QEMU on a fresh overlay of the image; returns at once (see {@link #awaitSsh}). */
  public static TestVm boot(BaseImage image) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("imagebake-vm-");
      Path disk = image.overlay(dir.resolve("disk.qcow2"));
      int port = freePort();
      List<String> command =
          List.of(
              "qemu-system-x86_64",
              "-accel",
              "tcg",
              "-m",
              "256",
              "-nographic",
              "-monitor",
              "none",
              "-kernel",
              image.kernel().toString(),
              "-initrd",
              image.initrd().toString(),
              "-append",
              image.append(),
              "-drive",
              "file=" + disk + ",if=virtio",
              "-netdev",
              "user,id=n0,hostfwd=tcp:127.0.0.1:" + port + "-:22",
              "-device",
              "virtio-net,netdev=n0",
              "-serial",
              "file:" + dir.resolve("serial.log"));
      Process qemu =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("qemu.log").toFile())
              .start();
      return new TestVm(image, dir, qemu, port);
    } catch (IOException e) {
      if (dir != null) {
        deleteTree(dir);
      }
      throw new UncheckedIOException("cannot start qemu: " + e.getMessage(), e);
    }
  }

  /** The loopback port forwarded to the guest's sshd. */
  public int port() {
    return port;
  }

  /** The overlay the guest writes to (readable with {@link BaseImage#readOffline} after exit). */
  public Path disk() {
    return dir.resolve("disk.qcow2");
  }

  /**
   * Waits until the guest's sshd sends its banner through the forwarded port (QEMU accepts the TCP
   * connection itself long before the guest listens, so a connect alone proves nothing).
   *
   * @throws IllegalStateException if QEMU exits or the deadline passes first, with the serial log
   */
  public void awaitSsh(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    // A connection made before the guest has its address hangs inside QEMU's slirp until its SYN
    // is retried; give up on such a silent one soon, but wait longer each time in case the guest is
    // merely slow to send the banner.
    Duration silence = Duration.ofSeconds(1);
    while (Instant.now().isBefore(deadline)) {
      if (!qemu.isAlive()) {
        throw new IllegalStateException("qemu exited with " + qemu.exitValue() + diagnostics());
      }
      switch (probe(silence)) {
        case BANNER -> {
          return;
        }
        case SILENT -> silence = min(silence.multipliedBy(2), Duration.ofSeconds(8));
        case CLOSED -> pause(); // the guest refused: poll again shortly, not in a busy loop
      }
    }
    throw new IllegalStateException("no SSH banner within " + timeout + diagnostics());
  }

  private enum Probe {
    BANNER,
    SILENT,
    CLOSED
  }

  private Probe probe(Duration silence) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout((int) silence.toMillis());
      InputStream in = s.getInputStream();
      for (byte b : BANNER.getBytes(StandardCharsets.US_ASCII)) {
        if (in.read() != b) {
          return Probe.CLOSED; // closed by slirp, or not an SSH server
        }
      }
      return Probe.BANNER;
    } catch (SocketTimeoutException e) {
      return Probe.SILENT;
    } catch (IOException e) {
      return Probe.CLOSED;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The result of a command run in the guest with {@link #ssh}. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs a shell command in the guest as root with the image's key (the {@code ssh} client). */
  public Result ssh(String command) {
    List<String> args = new ArrayList<>(sshOptions("ssh", "-p"));
    args.add("root@127.0.0.1");
    args.add(command);
    return exec(args);
  }

  /**
   * Copies a local file to the guest with {@code scp}; {@code legacyScp} uses the old SCP protocol
   * ({@code -O}, as Packer 1.6.6 does), otherwise SFTP (as imagebake does).
   */
  public Result upload(Path local, String remote, boolean legacyScp) {
    List<String> args = new ArrayList<>(sshOptions("scp", "-P"));
    if (legacyScp) {
      args.add("-O");
    }
    args.add(local.toString());
    args.add("root@127.0.0.1:" + remote);
    return exec(args);
  }

  private List<String> sshOptions(String program, String portFlag) {
    return List.of(
        program,
        "-q",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "ConnectTimeout=30",
        "-i",
        image.privateKey().toString(),
        portFlag,
        Integer.toString(port));
  }

  private Result exec(List<String> command) {
    try {
      Path out = dir.resolve("cmd.out");
      Path err = dir.resolve("cmd.err");
      Process p =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command + diagnostics());
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits for QEMU to exit (after a {@code poweroff} in the guest) and returns its exit code.
   *
   * @throws IllegalStateException if it still runs at the deadline
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("qemu still running after " + timeout + diagnostics());
      }
      return qemu.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The guest's serial console so far. */
  public String serialLog() {
    return readQuietly(dir.resolve("serial.log"));
  }

  private String diagnostics() {
    return "\n--- serial console ---\n"
        + serialLog()
        + "\n--- qemu output ---\n"
        + readQuietly(dir.resolve("qemu.log"));
  }

  /** Kills QEMU if it still runs and deletes the overlay and logs. Idempotent. */
  @Override
  public void close() {
    qemu.destroyForcibly();
    try {
      qemu.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(dir);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(" + file.getFileName() + " unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
