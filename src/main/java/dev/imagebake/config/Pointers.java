package dev.imagebake.config;

import java.util.ArrayList;
import java.util.List;

/** JSON pointers (RFC 6901), which is how positions are looked up. */
final class Pointers {
  private Pointers() {}

  static String append(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  static String append(String pointer, int index) {
    return pointer + "/" + index;
  }

  /** The unescaped segments of {@code pointer}; "" has none. */
  static List<String> segments(String pointer) {
    List<String> segments = new ArrayList<>();
    if (pointer.isEmpty()) {
      return segments;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      segments.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return segments;
  }

  /** Whether {@code descendant} lies strictly inside {@code ancestor}. */
  static boolean isInside(String descendant, String ancestor) {
    return descendant.length() > ancestor.length()
        && descendant.startsWith(ancestor)
        && descendant.charAt(ancestor.length()) == '/';
  }
}
