package dev.imagebake.sdk;

import java.util.Locale;

/** Go's string rendering that Packer's messages contain, for plugins that repeat them. */
public final class GoStrings {
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
}
