package dev.imagebake.sdk.shelllocal;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.OutputSink;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one argv locally as Packer's shell-local communicator does: in {@code cwd}, with the
 * inherited environment plus the given variables, no standard input, each output line passed on as
 * it arrives. Cancellation kills the process and every descendant (Packer kills only the process,
 * leaving e.g. a script's {@code sleep} running).
 */
final class LocalProcess {
  private static final long CANCEL_DRAIN_MILLIS = 2_000;

  private LocalProcess() {}

  /**
   * @return the exit status
   * @throws IOException when the program could not be started
   * @throws CancelledException when cancelled, after the processes were killed
   */
  static int run(
      List<String> argv,
      Map<String, String> env,
      Path cwd,
      OutputSink sink,
      Cancellation cancellation)
      throws IOException, InterruptedException {
    cancellation.throwIfCancelled();
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(cwd.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
    builder.environment().putAll(env);
    Process process = builder.start();
    Thread out = pump(process.getInputStream(), sink::stdout, "shell-local stdout");
    Thread err = pump(process.getErrorStream(), sink::stderr, "shell-local stderr");
    AutoCloseable unregister = cancellation.onCancel(() -> kill(process));
    try {
      int status = process.waitFor();
      if (cancellation.isCancelled()) {
        // A process that left the tree (setsid) may still hold the pipes: do not wait for it.
        out.join(CANCEL_DRAIN_MILLIS);
        err.join(CANCEL_DRAIN_MILLIS);
        throw new CancelledException(cancellation.reason());
      }
      // Like Go's Cmd.Wait: the run ends when the output pipes close, not just the process.
      out.join();
      err.join();
      return status;
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    } finally {
      closeQuietly(unregister);
    }
  }

  private static void closeQuietly(AutoCloseable registration) {
    try {
      registration.close();
    } catch (Exception e) {
      // Unregistering a cancel action cannot fail in a way that matters once the process ended.
    }
  }

  private static void kill(Process process) {
    // Descendants first: once the parent dies they are re-parented and harder to find.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String nullDevice() {
    return File.separatorChar == '\\' ? "NUL" : "/dev/null";
  }

  private static Thread pump(InputStream in, Consumer<String> lines, String name) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                  for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                      lines.accept(clean(line.toString(StandardCharsets.UTF_8)));
                      line.reset();
                    } else {
                      line.write(buf[i]);
                    }
                  }
                }
                if (line.size() > 0) {
                  lines.accept(clean(line.toString(StandardCharsets.UTF_8)));
                }
              } catch (IOException e) {
                // The stream closes when the process is killed; nothing more to read.
                if (!"Stream closed".equals(e.getMessage())) {
                  throw new UncheckedIOException(e);
                }
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Packer's {@code cleanOutputLine}: trailing blanks dropped, only the text after the last CR. */
  static String clean(String line) {
    int end = line.length();
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    String trimmed = line.substring(0, end);
    return trimmed.substring(trimmed.lastIndexOf('\r') + 1);
  }
}
