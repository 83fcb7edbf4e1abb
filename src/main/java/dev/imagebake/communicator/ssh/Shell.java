package dev.imagebake.communicator.ssh;

/** Quoting for the remote POSIX shell. */
final class Shell {
  private Shell() {}

  /**
   * Quotes {@code path} as one word for the remote shell. A leading {@code ~/} stays unquoted so
   * that it still means the remote home directory, as it does in Packer (which escapes only
   * spaces).
   */
  static String quotePath(String path) {
    if (path.equals("~")) {
      return "~";
    }
    if (path.startsWith("~/")) {
      return "~/" + quote(path.substring(2));
    }
    return quote(path);
  }

  /**
   * Quotes {@code path} as {@link #quotePath} does, but leaves the pattern characters {@code * ? [
   * ]} unquoted so that the remote shell expands them (Packer passes a download source containing
   * them to {@code scp -f} unquoted); every other character stays literal.
   */
  static String quotePattern(String path) {
    if (!path.matches(".*[*?\\[].*")) {
      return quotePath(path);
    }
    String rest = path;
    StringBuilder out = new StringBuilder();
    if (path.startsWith("~/")) {
      out.append("~/");
      rest = path.substring(2);
    }
    StringBuilder literal = new StringBuilder();
    for (char c : rest.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']') {
        if (!literal.isEmpty()) {
          out.append(quote(literal.toString()));
          literal.setLength(0);
        }
        out.append(c);
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      out.append(quote(literal.toString()));
    }
    return out.toString();
  }

  /** {@code 'text'}, with embedded single quotes escaped. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
