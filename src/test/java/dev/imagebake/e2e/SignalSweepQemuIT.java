package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.imagebake.testing.BaseImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal sweep of issue 12 for qemu: signal patterns ({@link SignalPattern}) at the builder's
 * waits, sent to a real {@code bin/imagebake build} of the test VM under TCG. Each build must exit
 * 130, say "Cleanly cancelled", skip no cleanup, and leave no QEMU process, no output directory, no
 * partial download and no leftovers file.
 *
 * <p>The selection keeps the suite's cost near two minutes on 2 cores. The download wait costs no
 * VM (a local HTTP server stalls mid-body), so it gets every pattern. A VM wait costs a boot (5-8 s
 * under TCG), so each of the four VM waits (boot, SSH, provisioner, shutdown) gets one pattern and
 * each pattern is used at least once, the process-group pattern twice: it also hits QEMU and the
 * SSH client themselves, which is where a cleanup could trip over a process that is already gone.
 * One INT while waiting for SSH is in {@link QemuIT}; the deliberate second Ctrl-C (QEMU killed
 * even so) is in {@code LeftoversTest} and {@code QemuResourcesTest}.
 */
@Tag("slow")
class SignalSweepQemuIT {
  @TempDir Path work;

  private record Case(String waitName, SignalPattern pattern, String pin) {}

  private static final List<Case> VM_CASES =
      List.of(
          new Case("boot", SignalPattern.ONE, "Starting VM, booting disk image"),
          new Case("SSH", SignalPattern.TWO_WITHIN_50_MS, "Waiting for the guest's SSH server"),
          new Case("provisioner", SignalPattern.INT_THEN_TERM, "sweep: provisioning"),
          new Case("provisioner", SignalPattern.TIMEOUT_WRAPPER, "sweep: provisioning"),
          new Case(
              "shutdown", SignalPattern.TIMEOUT_WRAPPER, "Gracefully halting virtual machine"));

  @Test
  void signalPatternsAtTheWaitsOfTheVmCleanUpEverything() throws Exception {
    BaseImage image = BaseImage.get();
    List<String> failures = new ArrayList<>();
    for (Case c : VM_CASES) {
      Path dir = caseDir(c);
      Path template = dir.resolve("template.json");
      Files.writeString(
          template, template("{{user `base_dir`}}/disk.qcow2", c.waitName().equals("provisioner")));
      SignalPattern.Build build =
          c.pattern()
              .start(
                  dir,
                  Map.of(),
                  "build",
                  "-color=false",
                  "-var",
                  "base_dir=" + image.dir(),
                  template.toString());
      build.awaitOutput(c.pin());
      build.signal();
      check(c, dir, build, failures);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everySignalPatternDuringADownloadCleansUp() throws Exception {
    BaseImage image = BaseImage.get();
    List<String> failures = new ArrayList<>();
    for (SignalPattern pattern : SignalPattern.values()) {
      Case c = new Case("download", pattern, null);
      Path dir = caseDir(c);
      AtomicReference<SignalPattern.Build> build = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/disk.qcow2",
          exchange -> {
            try (exchange) {
              byte[] disk = Files.readAllBytes(image.disk());
              exchange.sendResponseHeaders(200, disk.length);
              OutputStream body = exchange.getResponseBody();
              body.write(disk, 0, 1 << 16);
              body.flush();
              // The build is reading the body now: signal it, then stall until it ended.
              build.get().signal();
              done.await(300, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (java.io.IOException gone) {
              // The build closed the connection: what an interrupt does.
            }
          });
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.start();
      try {
        Path template = dir.resolve("template.json");
        Files.writeString(
            template,
            template("http://127.0.0.1:" + server.getAddress().getPort() + "/disk.qcow2", false));
        build.set(
            pattern.start(
                dir,
                Map.of(),
                "build",
                "-color=false",
                "-var",
                "base_dir=" + image.dir(),
                template.toString()));
        check(c, dir, build.get(), failures);
      } finally {
        done.countDown();
        server.stop(0);
      }
    }
    assertThat(failures).isEmpty();
  }

  private Path caseDir(Case c) throws java.io.IOException {
    return Files.createDirectories(
        work.resolve((c.waitName() + "-" + c.pattern()).replaceAll("[^a-zA-Z0-9]+", "-")));
  }

  /** Waits for the end of the build and checks that nothing is left of it. */
  private static void check(Case c, Path dir, SignalPattern.Build build, List<String> failures)
      throws Exception {
    int code = build.awaitExit();
    String output = build.output();
    List<String> problems = new ArrayList<>();
    if (code != 130) {
      problems.add("exit code " + code);
    }
    // (The JVM hands each signal to a thread of its own, so of INT then TERM, TERM may be first.)
    if (!output.contains("Cancelling build after receiving ")) {
      problems.add("no 'Cancelling build after receiving'");
    }
    if (!output.contains("Cleanly cancelled builds after being interrupted.")) {
      problems.add("no 'Cleanly cancelled'");
    }
    for (String bad : List.of("skipping cleanup", "Left behind", "Interrupted again")) {
      if (output.contains(bad)) {
        problems.add("'" + bad + "'");
      }
    }
    if (Files.exists(dir.resolve("out"))) {
      problems.add("the output directory is left");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(
              f ->
                  f.getFileName().toString().startsWith("imagebake-leftovers-")
                      || f.getFileName().toString().endsWith(".part"))
          .forEach(f -> problems.add("left: " + dir.relativize(f)));
    }
    List<ProcessHandle> qemu = qemuOf(dir);
    if (!qemu.isEmpty()) {
      problems.add("QEMU still runs: " + qemu);
      qemu.forEach(ProcessHandle::destroyForcibly);
    }
    if (!problems.isEmpty()) {
      failures.add(c.waitName() + " x " + c.pattern() + ": " + problems + "\n" + output);
    }
  }

  /** QEMU processes whose command line names {@code dir} (this case's, nobody else's). */
  private static List<ProcessHandle> qemuOf(Path dir) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info().command().orElse("").contains("qemu-system")
                    && String.join(" ", h.info().arguments().orElse(new String[0]))
                        .contains(dir.toString()))
        .toList();
  }

  /** The test VM's build with a shutdown (and, if asked, a provisioner) that take their time. */
  private static String template(String source, boolean slowProvisioner) {
    return """
        {"variables": {"base_dir": null},
         "builders": [{"type": "qemu", "disk_image": true, "use_backing_file": false,
           "iso_url": "%s", "iso_checksum": "none", "skip_resize_disk": true,
           "format": "qcow2", "accelerator": "tcg", "memory": 256, "headless": true,
           "boot_wait": "0s", "output_directory": "out", "vm_name": "sweep.qcow2",
           "qemuargs": [["-kernel", "{{user `base_dir`}}/vmlinuz"],
                        ["-initrd", "{{user `base_dir`}}/initrd.img"],
                        ["-append", "root=/dev/vda rw console=ttyS0 quiet cryptomgr.notests"]],
           "communicator": "ssh", "ssh_username": "root",
           "ssh_private_key_file": "{{user `base_dir`}}/id_ed25519", "ssh_timeout": "3m",
           "shutdown_command": "(sleep 60; poweroff) >/dev/null 2>&1 &",
           "shutdown_timeout": "3m"}],
         "provisioners": [{"type": "shell",
                           "inline": ["echo sweep: provisioning"%s]}]}
        """
        .formatted(source, slowProvisioner ? ", \"sleep 61.5\"" : "");
  }
}
