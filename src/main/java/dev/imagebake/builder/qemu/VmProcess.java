package dev.imagebake.builder.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The running QEMU process: its own output goes to {@code qemu.log} and the guest's serial console
 * to {@code serial.log}, both in the build's temporary directory, so an error can show their tails.
 */
final class VmProcess {
  private final Process process;
  private final Path qemuLog;
  private final Path serialLog;

  private VmProcess(Process process, Path qemuLog, Path serialLog) {
    this.process = process;
    this.qemuLog = qemuLog;
    this.serialLog = serialLog;
  }

  static VmProcess start(List<String> command, Path qemuLog, Path serialLog) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(qemuLog.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    return new VmProcess(p, qemuLog, serialLog);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  int exitValue() {
    return process.exitValue();
  }

  /** Waits up to {@code limit} for QEMU to exit; true when it did. */
  boolean awaitExit(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops QEMU: SIGTERM (QEMU flushes its disks and exits), then SIGKILL for it and its children if
   * it is still there after {@code grace}.
   *
   * @return true when the process is gone
   */
  boolean stop(Duration grace) {
    if (!process.isAlive()) {
      return true;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      process.onExit().get(grace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Ignored SIGTERM: killed below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      HostCommand.killTree(process.toHandle());
    }
    return !process.isAlive();
  }

  /** The last lines QEMU printed, or "" when it printed nothing. */
  String qemuOutputTail(int lines) {
    return tail(qemuLog, lines);
  }

  /** The last lines of the guest's serial console, or "" when there is none. */
  String serialTail(int lines) {
    return tail(serialLog, lines);
  }

  static String tail(Path file, int lines) {
    try {
      if (file == null || !Files.exists(file)) {
        return "";
      }
      List<String> all =
          List.of(
              new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                  .replace("\r", "")
                  .split("\n"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
