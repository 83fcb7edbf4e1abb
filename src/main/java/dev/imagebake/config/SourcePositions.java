package dev.imagebake.config;

import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;

/** Positions inside a JSON string value, for template errors that know their offset. */
final class SourcePositions {
  private SourcePositions() {}

  /**
   * The position of character {@code offset} of the string at {@code pointer}, counting JSON
   * escapes in the source line as the one character they stand for; the value's own position when
   * the offset is unknown or the string is not on one line.
   */
  static SourceRef inString(Locations locations, String pointer, int offset) {
    SourceRef value = locations.valueAt(pointer);
    if (offset < 0 || value.line() <= 0 || value.column() <= 0) {
      return value;
    }
    String line = locations.lineText(value.line());
    int i = value.column() - 1;
    if (i >= line.length() || line.charAt(i) != '"') {
      return value;
    }
    i++;
    for (int decoded = 0; decoded < offset; decoded++) {
      if (i >= line.length() || line.charAt(i) == '"') {
        return value;
      }
      if (line.charAt(i) == '\\') {
        i += i + 1 < line.length() && line.charAt(i + 1) == 'u' ? 6 : 2;
      } else {
        i++;
      }
    }
    return new SourceRef(value.file(), value.line(), i + 1, value.pointer());
  }
}
