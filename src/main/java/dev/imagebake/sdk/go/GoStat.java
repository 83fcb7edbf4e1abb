package dev.imagebake.sdk.go;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Go's {@code os.Stat} error text for a local path of a template, which Packer's {@code Prepare}
 * checks put in their messages ({@code "manifest_file is invalid: stat site.pp: no such file or
 * directory"}), so that checks written against the SDK can word their errors the same way.
 */
public final class GoStat {
  private GoStat() {}

  /**
   * @param path the path as the template spells it (what the message shows)
   * @param resolved that path resolved by {@link ConfigCheck#resolve}
   * @return {@code stat <path>: no such file or directory} or {@code stat <path>: not a directory}
   *     (a parent is a file), or empty when the path exists
   */
  public static Optional<String> error(String path, Path resolved) {
    if (Files.exists(resolved)) {
      return Optional.empty();
    }
    for (Path p = resolved.getParent(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p)) {
        return Optional.of("stat " + path + ": not a directory");
      }
    }
    return Optional.of("stat " + path + ": no such file or directory");
  }
}
