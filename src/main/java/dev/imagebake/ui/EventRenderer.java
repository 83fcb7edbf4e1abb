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
}
