package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.go.GoStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Packer's {@code validateFileConfig} and {@code validateDirConfig} of both Ansible provisioners:
 * {@code "<key>: <path> is invalid: stat <path>: no such file or directory"}, located at {@code
 * at}.
 */
final class PathChecks {
  private PathChecks() {}

  static void checkFile(String key, String at, String path, ConfigCheck check) {
    Path resolved = check.resolve(path);
    Optional<String> statError = GoStat.error(path, resolved);
    if (statError.isPresent()) {
      check.error(at, key + ": " + path + " is invalid: " + statError.get());
    } else if (Files.isDirectory(resolved)) {
      check.error(at, key + ": " + path + " must point to a file");
    } else if (!Files.isReadable(resolved)) {
      // Go's stat succeeds here and reading fails later; it cannot work, so say it now.
      check.error(at, key + ": " + path + " is invalid: open " + path + ": permission denied");
    }
  }

  static void checkDir(String key, String at, String path, ConfigCheck check) {
    Path resolved = check.resolve(path);
    Optional<String> statError = GoStat.error(path, resolved);
    if (statError.isPresent()) {
      check.error(at, key + ": " + path + " is invalid: " + statError.get());
    } else if (!Files.isDirectory(resolved)) {
      check.error(at, key + ": " + path + " must point to a directory");
    }
  }
}
