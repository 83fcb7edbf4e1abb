package dev.imagebake.diag;

import java.nio.file.Path;

/**
 * Where each JSON value of a parsed file starts, by JSON pointer. For an object member the position
 * of its key is known too, so "unknown key" errors point at the key.
 */
public interface Locations {
  Path file();

  /**
   * The value at {@code pointer}; for an unknown pointer, the nearest enclosing value that is known
   * (so an error always points somewhere useful).
   */
  SourceRef valueAt(String pointer);

  /** The key of the object member at {@code pointer}, or {@link #valueAt} when it has none. */
  SourceRef keyAt(String pointer);

  /** The text of line {@code line} (1-based) for caret snippets, or "" when unknown. */
  String lineText(int line);
}
