package dev.imagebake.testing;

import dev.imagebake.sdk.Ui;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records every line as {@code say: …}, {@code message: …} or {@code error: …}. Thread-safe. */
public final class LinesUi implements Ui {
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

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
