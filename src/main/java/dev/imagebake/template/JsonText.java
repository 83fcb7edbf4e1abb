package dev.imagebake.template;

import java.util.Arrays;

/** Small helpers over JSON source text: line starts and JSON pointer segments. */
final class JsonText {
  private JsonText() {}

  /** Offsets where each line starts; the first is 0. */
  static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, n);
  }

  /** {@code parent} extended by one member name or index, escaped per RFC 6901. */
  static String child(String parent, String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return parent + "/" + segment;
    }
    return parent + "/" + segment.replace("~", "~0").replace("/", "~1");
  }

  static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
