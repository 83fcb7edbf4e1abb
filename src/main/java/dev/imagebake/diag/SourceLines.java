package dev.imagebake.diag;

import java.nio.file.Path;
import java.util.List;

/** Gives the text of a source line, so a renderer can show it under a diagnostic. */
@FunctionalInterface
public interface SourceLines {
  /** Line {@code line} (1-based) of {@code file}, or "" when unknown. Never null. */
  String lineText(Path file, int line);

  /** Lines from whichever of {@code sources} describes the file. */
  static SourceLines of(List<Locations> sources) {
    List<Locations> copy = List.copyOf(sources);
    return (file, line) -> {
      for (Locations l : copy) {
        if (l.file().equals(file)) {
          return l.lineText(line);
        }
      }
      return "";
    };
  }

  static SourceLines none() {
    return (file, line) -> "";
  }
}
