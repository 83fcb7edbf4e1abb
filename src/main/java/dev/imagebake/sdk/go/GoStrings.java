package dev.imagebake.sdk.go;

import java.util.Locale;

/** Go's string rendering that Packer's messages contain, for plugins that repeat them. */
public final class GoStrings {
  /** How much of a value {@link #quoteShortened} shows. */
  private static final int SHOWN = 60;

  private GoStrings() {}

  /** Go's {@code strconv.Quote}: a double-quoted string with Go escapes. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format(Locale.ROOT, "\\x%02x", cp));
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /**
   * A value quoted for a message the way Go's {@code %q} would, shortened after 60 characters; only
   * quotes, backslashes, newlines, tabs and carriage returns are escaped (binding errors).
   */
  public static String quoteShortened(String s) {
    String shown = s.length() > SHOWN ? s.substring(0, SHOWN) + "..." : s;
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
