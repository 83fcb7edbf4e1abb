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

  /** {@code 'text'}, with embedded single quotes escaped. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
