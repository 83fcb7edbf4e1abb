package dev.imagebake.diag;

import java.nio.file.Path;

/**
 * A place in a template file.
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param pointer the JSON pointer ({@code /builders/0/ssh_port}), or "" for the document
 */
public record SourceRef(Path file, int line, int column, String pointer) {
  public static SourceRef file(Path file) {
    return new SourceRef(file, 0, 0, "");
  }

  /** {@code file:line:column}, leaving out what is unknown. */
  public String location() {
    StringBuilder s = new StringBuilder(String.valueOf(file));
    if (line > 0) {
      s.append(':').append(line);
      if (column > 0) {
        s.append(':').append(column);
      }
    }
    return s.toString();
  }
}
