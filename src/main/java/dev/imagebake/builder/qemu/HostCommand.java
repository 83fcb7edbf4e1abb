package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host program (qemu-img, xorriso) to its end, with its output captured; an interrupt kills
 * it and its children.
 */
final class HostCommand {
  private HostCommand() {}

  /**
   * @return the program's standard output
   * @throws IOException naming the command, its exit status and its output when it failed
   */
  static String run(Cancellation cancellation, List<String> command) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    process.getOutputStream().close();
    try (AutoCloseable kill = cancellation.onCancel(() -> killTree(process.toHandle()))) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = process.waitFor();
      cancellation.throwIfCancelled();
      if (status != 0) {
        throw new IOException(
            String.join(" ", command) + " failed (exit status " + status + "): " + output.strip());
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(process.toHandle());
      throw new IOException("interrupted while running " + command.get(0), e);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Kills {@code process} and every descendant, and waits (bounded) until they are gone. */
  static void killTree(ProcessHandle process) {
    List<ProcessHandle> all =
        java.util.stream.Stream.concat(process.descendants(), java.util.stream.Stream.of(process))
            .toList();
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Still there after SIGKILL and 10 s (a process in uninterruptible sleep): reported by
        // the caller, which checks isAlive().
      }
    }
  }
}
