package dev.imagebake.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories whose jars are searched for plugins: {@code IMAGEBAKE_PLUGIN_PATH}, a
 * colon-separated list like {@code PATH}, or else {@code ~/.imagebake/plugins} (Packer's
 * counterpart is {@code ~/.packer.d/plugins}). Set but empty, it names no directory. A directory
 * that does not exist is skipped, as {@code PATH} skips one.
 *
 * @param directories in search order
 */
public record PluginPath(List<Path> directories) {
  public static final String VARIABLE = "IMAGEBAKE_PLUGIN_PATH";

  /** No plugin directory: only the class path (imagebake's own plugins). */
  public static final PluginPath NONE = new PluginPath(List.of());

  public PluginPath {
    directories = List.copyOf(directories);
  }

  /**
   * From the environment: {@value #VARIABLE}, else {@code plugins} under {@code .imagebake} in
   * {@code HOME} (the JVM's {@code user.home} without one).
   *
   * @throws PluginLoadException when an entry is not a path
   */
  public static PluginPath from(Map<String, String> env) {
    String value = env.get(VARIABLE);
    if (value == null) {
      String home = env.get("HOME");
      if (home == null || home.isEmpty()) {
        home = System.getProperty("user.home");
      }
      return new PluginPath(List.of(Path.of(home, ".imagebake", "plugins")));
    }
    List<Path> directories = new ArrayList<>();
    for (String entry : value.split(":")) {
      if (entry.isEmpty()) {
        continue;
      }
      try {
        directories.add(Path.of(entry));
      } catch (InvalidPathException e) {
        throw new PluginLoadException(
            List.of(VARIABLE + ": '" + entry + "' is not a path: " + e.getReason()));
      }
    }
    return new PluginPath(directories);
  }
}
