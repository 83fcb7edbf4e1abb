package dev.imagebake.template;

import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@link Locations} of one parsed JSON text: positions recorded while streaming the tokens. */
final class PositionIndex implements Locations {
  private final Path file;
  private final String text;
  private final Map<String, long[]> positions = new HashMap<>();
  // Computed on first use; a race only computes the same array twice.
  private int[] lineStarts;

  PositionIndex(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Records where the value at {@code pointer} starts, and its key when it is a member. */
  void record(String pointer, int valueLine, int valueColumn, int keyLine, int keyColumn) {
    positions.put(pointer, new long[] {pack(valueLine, valueColumn), pack(keyLine, keyColumn)});
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public SourceRef valueAt(String pointer) {
    return find(pointer, 0);
  }

  @Override
  public SourceRef keyAt(String pointer) {
    long[] p = positions.get(pointer);
    if (p != null && p[1] != 0) {
      return ref(pointer, p[1]);
    }
    return find(pointer, 0);
  }

  private SourceRef find(String pointer, int slot) {
    String p = pointer;
    while (true) {
      long[] pos = positions.get(p);
      if (pos != null) {
        return ref(pointer, pos[slot]);
      }
      if (p.isEmpty()) {
        return new SourceRef(file, 0, 0, pointer);
      }
      p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
    }
  }

  private SourceRef ref(String pointer, long packed) {
    return new SourceRef(file, (int) (packed >>> 32), (int) packed, pointer);
  }

  @Override
  public String lineText(int line) {
    if (lineStarts == null) {
      lineStarts = JsonText.lineStarts(text);
    }
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  private static long pack(int line, int column) {
    return ((long) line << 32) | (column & 0xffffffffL);
  }
}
