package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the accelerator. KVM counts as usable only when {@code /dev/kvm} opens for reading and
 * writing and a tiny guest (a 512-byte boot sector that writes to QEMU's isa-debug-exit port)
 * finishes under it within {@link #PROBE_LIMIT}: on some hosts (nested virtualisation) {@code
 * /dev/kvm} exists but guests crawl or hang, while TCG runs the same probe in about 0.1 s.
 */
final class Accelerators {
  static final Duration PROBE_LIMIT = Duration.ofSeconds(2);

  /** Why KVM cannot be used, or null when it can. */
  @FunctionalInterface
  interface KvmCheck {
    String whyUnusable(String qemuBinary, Path tempDir);
  }

  private final KvmCheck kvm;

  Accelerators(KvmCheck kvm) {
    this.kvm = kvm;
  }

  static Accelerators probingHost() {
    return new Accelerators(Accelerators::probe);
  }

  /**
   * The accelerator to run with: the configured one, or kvm/tcg by default; a configured kvm that
   * does not work falls back to tcg with one line on the UI.
   */
  String choose(String configured, String qemuBinary, Path tempDir, Ui ui) {
    if (configured != null && !configured.isEmpty() && !configured.equals("kvm")) {
      return configured;
    }
    String why = kvm.whyUnusable(qemuBinary, tempDir);
    if (why == null) {
      return "kvm";
    }
    if (configured != null && configured.equals("kvm")) {
      ui.say("accelerator kvm is not usable on this host (" + why + "); falling back to tcg");
    }
    return "tcg";
  }

  static String probe(String qemuBinary, Path tempDir) {
    Path dev = Path.of("/dev/kvm");
    if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
      return "/dev/kvm cannot be opened for reading and writing";
    }
    String base = Path.of(qemuBinary).getFileName().toString();
    if (!base.endsWith("x86_64") && !base.endsWith("i386")) {
      return null;
    }
    try {
      byte[] sector = new byte[512];
      // mov al,1; out 0xf4,al; hlt; jmp $-1 — QEMU exits with status (1 << 1) | 1 = 3.
      byte[] code = {(byte) 0xB0, 0x01, (byte) 0xE6, (byte) 0xF4, (byte) 0xF4, (byte) 0xEB, -3};
      System.arraycopy(code, 0, sector, 0, code.length);
      sector[510] = 0x55;
      sector[511] = (byte) 0xAA;
      Path image = Files.write(tempDir.resolve("kvm-probe.img"), sector);
      Process p =
          new ProcessBuilder(
                  qemuBinary,
                  "-accel",
                  "kvm",
                  "-display",
                  "none",
                  "-nodefaults",
                  "-no-user-config",
                  "-machine",
                  "pc",
                  "-m",
                  "16",
                  "-device",
                  "isa-debug-exit,iobase=0xf4,iosize=0x04",
                  "-drive",
                  "file=" + image + ",format=raw,if=floppy",
                  "-boot",
                  "a")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        if (!p.waitFor(PROBE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return "a test guest did not finish within " + PROBE_LIMIT.toSeconds() + " s under kvm";
        }
        return p.exitValue() == 3 ? null : "QEMU with -accel kvm exited with " + p.exitValue();
      } finally {
        HostCommand.killTree(p.toHandle());
        Files.deleteIfExists(image);
      }
    } catch (IOException e) {
      return "the kvm check failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
