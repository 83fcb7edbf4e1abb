package dev.imagebake.testing;

import dev.imagebake.sdk.Ui;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Ui} that records every line as {@code "say: text"}, {@code "message: text"} or {@code
 * "error: text"}, and answers no questions. Thread-safe.
 */
public final class RecordingUi implements Ui {
  private final List<String> lines = new ArrayList<>();

  @Override
  public synchronized void say(String text) {
    lines.add("say: " + text);
  }

  @Override
  public synchronized void message(String text) {
    lines.add("message: " + text);
  }

  @Override
  public synchronized void error(String text) {
    lines.add("error: " + text);
  }

  @Override
  public Optional<String> ask(String prompt) {
    return Optional.empty();
  }

  /** Everything recorded so far, in order. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** The texts of the {@link #say} lines. */
  public synchronized List<String> said() {
    return texts("say: ");
  }

  /** The texts of the {@link #message} lines. */
  public synchronized List<String> messages() {
    return texts("message: ");
  }

  /** The texts of the {@link #error} lines. */
  public synchronized List<String> errors() {
    return texts("error: ");
  }

  private List<String> texts(String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .toList();
  }
}
