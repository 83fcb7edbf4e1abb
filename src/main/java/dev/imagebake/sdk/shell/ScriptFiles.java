package dev.imagebake.sdk.shell;

import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Packer's check that every local script exists, with the wording of Go's {@code os.Stat}. */
public final class ScriptFiles {
  private ScriptFiles() {}

  /**
   * @param key where the paths were written: {@code script} (one path) or {@code scripts} (a list,
   *     whose elements are then located one by one)
   */
  public static void checkExist(String key, List<String> paths, ConfigCheck check) {
    boolean list = key.equals("scripts");
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String at = list ? key + "/" + i : key;
      Path resolved = check.resolve(path);
      if (!Files.exists(resolved)) {
        String reason = parentIsFile(resolved) ? "not a directory" : "no such file or directory";
        check.error(at, "Bad script '" + path + "': stat " + path + ": " + reason);
      } else if (!Files.isReadable(resolved)) {
        // stat succeeds here in Go; opening fails later. Report it now, it cannot work.
        check.error(at, "Bad script '" + path + "': open " + path + ": permission denied");
      }
    }
  }

  private static boolean parentIsFile(Path path) {
    for (Path p = path.getParent(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p)) {
        return true;
      }
    }
    return false;
  }
}
