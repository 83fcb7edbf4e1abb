package dev.imagebake.sdk.config;

import java.nio.file.Path;

/**
 * Collects the problems a plugin finds in its bound configuration (its cross-field rules). Every
 * problem is reported; none stops the check. Messages follow Packer's wording where Packer has one,
 * so users' greps keep working.
 */
public interface ConfigCheck {
  /**
   * A problem with {@code key} (snake_case JSON key, or a path into it such as {@code scripts/2}
   * for an element of a list); located at that value when present, else at the key, else at the
   * block.
   */
  void error(String key, String message);

  /** A problem with the block as a whole. */
  void error(String message);

  /** Something suspicious that does not stop a build. */
  void warn(String key, String message);

  /**
   * Resolves a local path from the template the way Packer does: {@code ~} expanded, relative paths
   * against the working directory. Never throws: a name no file can have (a NUL in it) resolves to
   * a path that does not exist, spelled as Go prints it ({@code \\x00}).
   */
  Path resolve(String path);

  /**
   * The value of the environment variable {@code name} in the environment the build will run with,
   * or null when unset. Rules read the environment here, never through {@link System#getenv}.
   */
  String environment(String name);

  /**
   * {@code raw} rendered with what validation knows (user variables, {@code template_dir}, {@code
   * pwd}), for a rule checking a key the plugin renders later ({@code RenderLater}); null when the
   * string needs data only a build has (for example {@code {{build `Host`}}}) or does not render.
   */
  default String renderNow(String raw) {
    return raw.contains("{{") ? null : raw;
  }
}
