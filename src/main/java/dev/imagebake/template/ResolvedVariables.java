package dev.imagebake.template;

import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Locations;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param varFiles positions in each var-file that was read, so diagnostics pointing into them can
 *     show their source line ({@link dev.imagebake.diag.SourceLines#of})
 */
public record ResolvedVariables(
    Map<String, String> values,
    Set<String> secrets,
    Diagnostics diagnostics,
    List<Locations> varFiles) {
  public ResolvedVariables {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    secrets = Set.copyOf(secrets);
    varFiles = List.copyOf(varFiles);
  }
}
