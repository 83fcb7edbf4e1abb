package dev.imagebake.testing;

import dev.imagebake.sdk.TransferProgress;
import dev.imagebake.sdk.Ui;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The tests' {@link Ui}: records every line as {@code "say: text"}, {@code "message: text"}, {@code
 * "error: text"} or {@code "ask: prompt"}; answers questions as told by {@link #answer} (no
 * terminal by default); {@link #transfers} records each ended transfer apart from the lines.
 * Thread-safe.
 */
public final class RecordingUi implements Ui {
  private final List<String> lines = new ArrayList<>();
  private final List<String> transfers = new ArrayList<>();
  private volatile Function<String, Optional<String>> asker = prompt -> Optional.empty();
  private volatile Consumer<String> onMessage = line -> {};

  @Override
  public synchronized void say(String text) {
    lines.add("say: " + text);
  }

  @Override
  public void message(String text) {
    synchronized (this) {
      lines.add("message: " + text);
    }
    onMessage.accept(text);
  }

  @Override
  public synchronized void error(String text) {
    lines.add("error: " + text);
  }

  @Override
  public Optional<String> ask(String prompt) {
    synchronized (this) {
      lines.add("ask: " + prompt);
    }
    return asker.apply(prompt);
  }

  /** What {@link #ask} answers; empty (no terminal) by default. */
  public void answer(Function<String, Optional<String>> asker) {
    this.asker = asker;
  }

  /** Called with each message line after it was recorded (to react to a script's output). */
  public void onMessage(Consumer<String> onMessage) {
    this.onMessage = onMessage;
  }

  @Override
  public TransferProgress transfer(long totalBytes) {
    AtomicLong done = new AtomicLong();
    return TransferProgress.of(
        done::addAndGet,
        () -> {
          synchronized (this) {
            transfers.add(done.get() + " of " + totalBytes);
          }
        });
  }

  /** Each ended transfer as {@code "<bytes counted> of <total announced>"} (-1: unknown). */
  public synchronized List<String> transfers() {
    return List.copyOf(transfers);
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
