package dev.imagebake.ui;

/**
 * Turns events into output. {@link Output} calls it under one lock with already-masked events, so
 * an implementation needs no locking of its own and must write each event whole, then flush.
 */
public interface EventRenderer {
  void render(Event event);

  /**
   * Shows a question before the answer is read from the terminal; renderers that are not read by a
   * person ignore it.
   */
  default void prompt(Event.Line question) {}

  /**
   * Draws the progress line of a transfer in place of the previous one; {@code last} ends it with a
   * newline. Only renderers on a terminal draw it.
   */
  default void progress(Event.Line line, boolean last) {}

  /** Erases the progress line drawn last, so that other output starts at a clean line. */
  default void eraseProgress() {}
}
