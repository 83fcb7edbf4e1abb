package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.OutputSink;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Passes ansible-playbook's output on unchanged and follows it to say, when the run fails, which
 * task failed and why: the last {@code TASK [name]} (or {@code RUNNING HANDLER [name]}) header
 * before a {@code fatal:} or {@code failed:} line that is not followed by {@code ...ignoring}, with
 * the {@code msg} of its result; or, when no task ran, the {@code ERROR!} line. Understands the
 * default callback's layout with and without colour. Thread-safe: stdout and stderr may arrive from
 * two threads.
 */
final class PlaybookOutput implements OutputSink {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private static final Pattern TASK =
      Pattern.compile("^(?:TASK|RUNNING HANDLER) \\[(.*)\\] \\**\\s*$");
  private static final Pattern FAILED =
      Pattern.compile("^(?:fatal|failed): \\[([^\\]]*)\\].*?(?:=> (.*))?$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutputSink next;
  private String task;
  private Failure lastFailure;
  private Failure pending;
  private String error;

  /** What failed: the task, the host it failed on and the result's message (may be empty). */
  record Failure(String task, String host, String message) {
    String describe() {
      String text = "task \"" + task + "\" failed on " + host;
      return message.isEmpty() ? text : text + ": " + message;
    }
  }

  PlaybookOutput(OutputSink next) {
    this.next = next;
  }

  @Override
  public void stdout(String line) {
    next.stdout(line);
    follow(line);
  }

  @Override
  public void stderr(String line) {
    next.stderr(line);
    follow(line);
  }

  private synchronized void follow(String raw) {
    String line = ANSI.matcher(raw).replaceAll("").strip();
    if (line.isEmpty()) {
      return;
    }
    if (line.equals("...ignoring")) {
      pending = null;
      return;
    }
    settle();
    Matcher m = TASK.matcher(line);
    if (m.matches()) {
      task = m.group(1);
      return;
    }
    m = FAILED.matcher(line);
    if (m.matches() && task != null) {
      pending = new Failure(task, m.group(1), m.group(2) == null ? "" : message(m.group(2)));
      return;
    }
    if (line.startsWith("ERROR! ") && error == null) {
      error = line;
    }
  }

  /** A failure counts once the next line shows it was not ignored. */
  private void settle() {
    if (pending != null) {
      lastFailure = pending;
      pending = null;
    }
  }

  /** The failed task, once the output has ended. */
  synchronized Optional<Failure> failure() {
    settle();
    return Optional.ofNullable(lastFailure);
  }

  /** The first {@code ERROR!} line (a playbook that could not be loaded), if any. */
  synchronized Optional<String> error() {
    return Optional.ofNullable(error);
  }

  private static String message(String result) {
    try {
      JsonNode msg = JSON.readTree(result).get("msg");
      if (msg == null || msg.isNull()) {
        return "";
      }
      return msg.isString() ? msg.asString() : msg.toString();
    } catch (JacksonException e) {
      return "";
    }
  }
}
