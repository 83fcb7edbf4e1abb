package dev.imagebake.config;

/** A value quoted for a message the way Go's {@code %q} would, shortened when long. */
final class GoQuote {
  private static final int MAX = 60;

  private GoQuote() {}

  static String of(String s) {
    String shown = s.length() > MAX ? s.substring(0, MAX) + "..." : s;
    StringBuilder q = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> q.append(c);
      }
    }
    return q.append('"').toString();
  }
}
