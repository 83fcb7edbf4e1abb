package dev.imagebake.provisioner.file;

/** Path text rules Packer applies to sources and destinations (Go's {@code filepath}). */
final class RemotePaths {
  private RemotePaths() {}

  /**
   * Go's {@code filepath.Base}: the last element, trailing slashes ignored; {@code /} for a path of
   * slashes only, {@code .} for the empty path.
   */
  static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 0) {
      return "/";
    }
    return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
  }

  /** Whether a download source is a shell pattern, which Packer downloads as a directory. */
  static boolean isPattern(String path) {
    return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
  }

  /** Quotes {@code text} as one POSIX shell word. */
  static String shellQuote(String text) {
    return "'" + text.replace("'", "'\"'\"'") + "'";
  }
}
