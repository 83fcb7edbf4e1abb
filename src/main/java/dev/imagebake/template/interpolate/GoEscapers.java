package dev.imagebake.template.interpolate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Go text/template's {@code html}, {@code js} and {@code urlquery} functions. */
final class GoEscapers {
  private GoEscapers() {}

  /** The text the escapers work on: a lone string as is, else {@code fmt.Sprint} of the args. */
  private static String text(List<Object> args) {
    return args.size() == 1 && args.get(0) instanceof String s ? s : GoValues.sprint(args);
  }

  static String html(List<Object> args) {
    String s = text(args);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\'' -> out.append("&#39;");
        case '"' -> out.append("&#34;");
        case '\0' -> out.append('\uFFFD');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String js(List<Object> args) {
    String s = text(args);
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> {
                  if (cp < ' ' || (cp >= 0x80 && !GoValues.isPrintable(cp))) {
                    out.append(String.format("\\u%04X", cp));
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.toString();
  }

  /** Go's {@code url.QueryEscape}: space as {@code +}, unreserved characters kept. */
  static String urlquery(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (byte b : text(args).getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
