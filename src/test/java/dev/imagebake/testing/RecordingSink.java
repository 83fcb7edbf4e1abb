package dev.imagebake.testing;

import dev.imagebake.sdk.OutputSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link OutputSink} that records lines and can react to a stdout line (e.g. cancel or kill
 * something once a command printed that it started). Thread-safe.
 */
public final class RecordingSink implements OutputSink {
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private final Consumer<String> onStdout;

  public RecordingSink() {
    this(line -> {});
  }

  /** Calls {@code onStdout} with each stdout line after recording it. */
  public RecordingSink(Consumer<String> onStdout) {
    this.onStdout = onStdout;
  }

  @Override
  public void stdout(String line) {
    synchronized (this) {
      stdout.add(line);
    }
    onStdout.accept(line);
  }

  @Override
  public synchronized void stderr(String line) {
    stderr.add(line);
  }

  public synchronized List<String> stdout() {
    return List.copyOf(stdout);
  }

  public synchronized List<String> stderr() {
    return List.copyOf(stderr);
  }
}
