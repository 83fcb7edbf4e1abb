package dev.imagebake.log;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * What the environment asks of the log, read once at start-up.
 *
 * @param threshold the least severe level written: {@code DEBUG} with {@code PACKER_LOG} or {@code
 *     IMAGEBAKE_LOG} set to anything but {@code ""} and {@code "0"} (as Packer), {@code TRACE} with
 *     {@code IMAGEBAKE_LOG=trace} (every SSH packet), else {@code WARN} (what libraries report as
 *     wrong)
 * @param path the file the log is appended to ({@code PACKER_LOG_PATH}, only with the debug log on,
 *     as Packer); null: stderr
 */
record LogSettings(Level threshold, Path path) {

  static LogSettings of(Map<String, String> env) {
    String ours = env.getOrDefault("IMAGEBAKE_LOG", "");
    boolean on = enables(env.getOrDefault("PACKER_LOG", "")) || enables(ours);
    if (!on) {
      return new LogSettings(Level.WARN, null);
    }
    String path = env.getOrDefault("PACKER_LOG_PATH", "");
    return new LogSettings(
        "trace".equalsIgnoreCase(ours) ? Level.TRACE : Level.DEBUG,
        path.isEmpty() ? null : Path.of(path));
  }

  private static boolean enables(String value) {
    return !value.isEmpty() && !value.equals("0");
  }

  /** Whether lines of {@code level} are written. */
  boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }
}
