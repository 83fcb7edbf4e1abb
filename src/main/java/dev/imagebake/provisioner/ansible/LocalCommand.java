package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.OutputSink;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs ansible-playbook or ansible-galaxy locally, passing each output line on as it arrives, while
 * the calling (provisioner's) thread serves the proxy's requests ({@link CommunicatorQueue}).
 * Cancellation kills the program and every process it started.
 */
final class LocalCommand {
  private LocalCommand() {}

  /**
   * @param queue the proxy's requests to serve while the program runs, or null for none
   * @return the exit status
   * @throws IOException when the program could not be started
   * @throws CancelledException when cancelled, once the program and its processes were killed
   */
  static int run(
      List<String> argv,
      Map<String, String> env,
      Path cwd,
      OutputSink sink,
      Cancellation cancellation,
      CommunicatorQueue queue)
      throws IOException, InterruptedException {
    cancellation.throwIfCancelled();
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(cwd.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    Thread out = pump(process.getInputStream(), sink, false);
    Thread err = pump(process.getErrorStream(), sink, true);
    CommunicatorQueue served = queue == null ? new CommunicatorQueue() : queue;
    process.onExit().thenRun(served::close);
    AutoCloseable unregister = cancellation.onCancel(() -> kill(process));
    try {
      served.serve();
      int status = process.waitFor();
      if (cancellation.isCancelled()) {
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
      try {
        unregister.close();
      } catch (Exception e) {
        // Unregistering cannot fail in a way that matters once the program ended.
      }
    }
  }

  static void kill(Process process) {
    // Descendants first: once the parent dies they are re-parented and harder to find.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static Thread pump(InputStream in, OutputSink sink, boolean stderr) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  String trimmed = line.stripTrailing();
                  if (stderr) {
                    sink.stderr(trimmed);
                  } else {
                    sink.stdout(trimmed);
                  }
                }
              } catch (IOException e) {
                // The pipe closes when the program is killed; nothing more to read.
              }
            },
            stderr ? "ansible stderr" : "ansible stdout");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
