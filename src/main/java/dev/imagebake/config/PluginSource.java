package dev.imagebake.config;

import java.nio.file.Path;

/**
 * Where a plugin came from: imagebake itself, or a jar (or class directory) of a plugin directory
 * or of the class path.
 *
 * @param path the jar or directory; null for a plugin built into imagebake
 */
public record PluginSource(Path path) {
  /** imagebake's own jar (or its class directory). */
  public static final PluginSource BUILT_IN = new PluginSource(null);

  public boolean builtIn() {
    return path == null;
  }

  /** {@code built in}, or the jar's path. */
  @Override
  public String toString() {
    return path == null ? "built in" : path.toString();
  }
}
