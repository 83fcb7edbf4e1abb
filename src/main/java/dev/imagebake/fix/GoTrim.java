package dev.imagebake.fix;

/**
 * Go's {@code strings.TrimSpace}: Unicode white space, not only what Java's {@code strip} takes.
 */
final class GoTrim {
  private GoTrim() {}

  static String space(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Go's {@code unicode.IsSpace}. */
  private static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> c > 0xFF && Character.isSpaceChar(c);
    };
  }
}
