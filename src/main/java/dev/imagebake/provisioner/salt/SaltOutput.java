package dev.imagebake.provisioner.salt;

import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Ui;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Shows a remote command's output as it arrives (stdout as messages, stderr as errors, as Packer
 * does) and remembers what an error message needs: the last stderr lines, and the states Salt's
 * highstate outputter reported with {@code Result: False}.
 */
final class SaltOutput implements OutputSink {
  private static final int KEPT_ERRORS = 5;

  /** A state Salt reported as failed. */
  record FailedState(String id, String function, String comment) {
    @Override
    public String toString() {
      return id + " (" + function + "): " + comment;
    }
  }

  private final Ui ui;
  private final Deque<String> lastErrors = new ArrayDeque<>();
  private final List<FailedState> failed = new ArrayList<>();
  private String id = "";
  private String function = "";
  private boolean inFailedState;
  private StringBuilder comment;

  SaltOutput(Ui ui) {
    this.ui = ui;
  }

  @Override
  public synchronized void stdout(String line) {
    ui.message(line);
    parse(line);
  }

  @Override
  public synchronized void stderr(String line) {
    ui.error(line);
    if (!line.isBlank()) {
      if (lastErrors.size() == KEPT_ERRORS) {
        lastErrors.removeFirst();
      }
      lastErrors.addLast(line.strip());
    }
  }

  /** The highstate outputter's "ID:", "Function:", "Result:", "Comment:" lines of each state. */
  private void parse(String line) {
    String t = line.strip();
    if (comment != null) {
      // A multi-line comment goes on until the next field.
      if (t.startsWith("Started:")
          || t.startsWith("Duration:")
          || t.startsWith("Changes:")
          || t.startsWith("----------")
          || t.isEmpty()) {
        failed.add(new FailedState(id, function, comment.toString()));
        comment = null;
      } else {
        comment.append(' ').append(t);
        return;
      }
    }
    if (t.startsWith("ID: ")) {
      id = t.substring(4).strip();
      function = "";
      inFailedState = false;
    } else if (t.startsWith("Function: ")) {
      function = t.substring(10).strip();
    } else if (t.equals("Result: False")) {
      inFailedState = true;
    } else if (t.startsWith("Comment: ") && inFailedState) {
      comment = new StringBuilder(t.substring(9).strip());
      inFailedState = false;
    }
  }

  /** The failed states seen so far, in order. */
  synchronized List<FailedState> failedStates() {
    if (comment != null) {
      failed.add(new FailedState(id, function, comment.toString()));
      comment = null;
    }
    return List.copyOf(failed);
  }

  /** The last few non-blank stderr lines, joined; empty when there were none. */
  synchronized String lastErrors() {
    return String.join("; ", lastErrors);
  }
}
