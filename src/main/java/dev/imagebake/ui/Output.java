package dev.imagebake.ui;

import java.util.List;
import java.util.Optional;

/**
 * The one place events go: masks each event with the {@link SecretFilter}, then hands it to every
 * renderer, all under one lock so lines of parallel builds never interleave within a line. Asking
 * holds the lock too (as Packer's UI does), so the question stays the last thing on screen.
 */
public final class Output {
  private final SecretFilter secrets;
  private final Terminal terminal;
  private final List<EventRenderer> renderers;

  public Output(SecretFilter secrets, Terminal terminal, List<EventRenderer> renderers) {
    this.secrets = secrets;
    this.terminal = terminal;
    this.renderers = List.copyOf(renderers);
  }

  public SecretFilter secrets() {
    return secrets;
  }

  public synchronized void emit(Event event) {
    Event masked = secrets.mask(event);
    for (EventRenderer r : renderers) {
      r.render(masked);
    }
  }

  /**
   * Shows {@code question} and reads the answer; empty without a terminal (the question is then not
   * shown, as in Packer, where asking fails with "no available tty").
   */
  public synchronized Optional<String> ask(Event.Line question) {
    if (!terminal.available()) {
      return Optional.empty();
    }
    Event.Line masked = (Event.Line) secrets.mask(question);
    for (EventRenderer r : renderers) {
      r.prompt(masked);
    }
    return terminal.readLine();
  }
}
