package dev.imagebake.template;

import dev.imagebake.diag.Diagnostics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * User variables after applying {@code -var}, {@code -var-file} and rendering.
 *
 * @param values every variable (declared or only supplied) → its rendered value; declared ones
 *     first, in template order
 * @param secrets the values of {@code sensitive-variables}, to mask in all output (never empty
 *     strings)
 * @param diagnostics problems with the var flags, var-files, required variables and rendering
 *     (pointing into a var-file by file, line and column, never quoting its text: var-files hold
 *     secrets)
 */
public record ResolvedVariables(
    Map<String, String> values, Set<String> secrets, Diagnostics diagnostics) {
  public ResolvedVariables {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    secrets = Set.copyOf(secrets);
  }
}
