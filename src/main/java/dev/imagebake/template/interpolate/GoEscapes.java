package dev.imagebake.template.interpolate;

/** Go's escape sequences in interpreted string and character literals ({@code strconv.Unquote}). */
final class GoEscapes {
  private GoEscapes() {}

  /**
   * Decodes the body of a literal (without its quotes).
   *
   * @param quote {@code "} or {@code '}: which quote may be escaped
   * @param offset where the literal starts, for errors
   */
  static String unquote(String body, char quote, int offset) throws TemplateException {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i++);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i >= body.length()) {
        throw invalid(offset);
      }
      char e = body.charAt(i++);
      switch (e) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\' -> out.append('\\');
        case 'x' -> {
          out.append((char) hex(body, i, 2, offset));
          i += 2;
        }
        case 'u' -> {
          out.appendCodePoint(codePoint(hex(body, i, 4, offset), offset));
          i += 4;
        }
        case 'U' -> {
          out.appendCodePoint(codePoint(hex(body, i, 8, offset), offset));
          i += 8;
        }
        default -> {
          if (e == quote) {
            out.append(e);
          } else if (e >= '0' && e <= '7') {
            i = octal(body, i - 1, out, offset);
          } else {
            throw invalid(offset);
          }
        }
      }
    }
    return out.toString();
  }

  private static int octal(String body, int start, StringBuilder out, int offset)
      throws TemplateException {
    if (start + 3 > body.length()) {
      throw invalid(offset);
    }
    int value = 0;
    for (int k = start; k < start + 3; k++) {
      char d = body.charAt(k);
      if (d < '0' || d > '7') {
        throw invalid(offset);
      }
      value = value * 8 + (d - '0');
    }
    if (value > 255) {
      throw invalid(offset);
    }
    out.append((char) value);
    return start + 3;
  }

  private static long hex(String body, int start, int digits, int offset) throws TemplateException {
    if (start + digits > body.length()) {
      throw invalid(offset);
    }
    long value = 0;
    for (int k = start; k < start + digits; k++) {
      int d = Character.digit(body.charAt(k), 16);
      if (d < 0) {
        throw invalid(offset);
      }
      value = value * 16 + d;
    }
    return value;
  }

  private static int codePoint(long value, int offset) throws TemplateException {
    if (value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
      throw invalid(offset);
    }
    return (int) value;
  }

  private static TemplateException invalid(int offset) {
    return new TemplateException("invalid syntax", offset);
  }
}
