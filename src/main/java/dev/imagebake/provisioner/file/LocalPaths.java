package dev.imagebake.provisioner.file;

import java.nio.file.Path;

/** Resolves the local side of a transfer. */
final class LocalPaths {
  private LocalPaths() {}

  /**
   * A relative path is taken against the build's working directory; {@code ~/} is the user's home
   * (Packer would stat {@code ~} literally and fail).
   */
  static Path resolve(Path workingDirectory, String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return workingDirectory.resolve(path);
  }

  /** Go's {@code filepath.Dir} for the directory the download lands in ({@code .} when none). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    if (slash == 0) {
      return "/";
    }
    return path.substring(0, slash);
  }
}
