package dev.imagebake.sdk.shell;

import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.go.GoFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code environment_vars} rules shared by the shell and shell-local plugins: Packer's format
 * check and its flattening into the text that {@code {{.Vars}}} stands for.
 */
public final class EnvVars {
  private EnvVars() {}

  /** Reports every entry that is not {@code KEY=VALUE} with a non-empty key, as Packer does. */
  public static void check(List<String> vars, ConfigCheck check) {
    if (vars == null) {
      return;
    }
    for (String kv : vars) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        check.error("environment_vars", "Environment variable not in format 'key=value': " + kv);
      }
    }
  }

  /**
   * {@code base} (the build's script environment) plus {@code PACKER_HTTP_ADDR} (and {@code
   * IMAGEBAKE_HTTP_ADDR}) when the builder serves HTTP, i.e. when the build data holds {@code
   * PackerHTTPAddr}, as Packer's shell provisioners do.
   */
  public static Map<String, String> withHttpAddr(
      Map<String, String> base, Map<String, String> buildData) {
    String addr = buildData == null ? null : buildData.get("PackerHTTPAddr");
    if (addr == null || addr.isEmpty() || addr.equals("ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER")) {
      return base;
    }
    Map<String, String> env = new TreeMap<>(base);
    env.put("PACKER_HTTP_ADDR", addr);
    env.put("IMAGEBAKE_HTTP_ADDR", addr);
    return env;
  }

  /**
   * Packer's {@code createFlattenedEnvVars}: {@code base} (the build's script environment) and the
   * user's rendered {@code KEY=VALUE} entries (which win), sorted by name, each value's single
   * quotes replaced by {@code '"'"'}, each pair printed with the Go format {@code format}.
   */
  public static String flatten(Map<String, String> base, List<String> userVars, String format) {
    Map<String, String> vars = merged(base, userVars);
    StringBuilder flattened = new StringBuilder();
    vars.forEach(
        (key, value) ->
            flattened.append(GoFormat.sprintf(format, key, value.replace("'", "'\"'\"'"))));
    return flattened.toString();
  }

  /**
   * {@code base} and the user's rendered {@code KEY=VALUE} entries (which win), sorted by name: the
   * variables themselves, for a process environment.
   */
  public static Map<String, String> merged(Map<String, String> base, List<String> userVars) {
    Map<String, String> vars = new TreeMap<>(base);
    for (String kv : userVars) {
      int eq = kv.indexOf('=');
      if (eq < 0) {
        // Checked at validation; a rendered value can still lose its '='.
        throw new IllegalArgumentException("Environment variable not in format 'key=value': " + kv);
      }
      vars.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return vars;
  }
}
