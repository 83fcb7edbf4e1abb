package dev.imagebake.sdk;

import java.nio.file.Path;

/** Local paths written in templates, resolved the way Packer resolves them. */
public final class LocalPaths {
  private LocalPaths() {}

  /**
   * Expands a leading {@code ~} to {@code home} and resolves a relative path against {@code
   * workingDir}. Never throws: a name no file can have (a NUL in it) resolves to a path that does
   * not exist, spelled as Go prints it ({@code \x00}), so a rule's "does not exist" message reports
   * it instead of a crash.
   */
  public static Path resolve(String path, Path workingDir, Path home) {
    path = path.replace("\0", "\\x00");
    if (path.equals("~")) {
      return home;
    }
    if (path.startsWith("~/")) {
      return home.resolve(path.substring(2)).normalize();
    }
    return workingDir.resolve(path).normalize();
  }
}
