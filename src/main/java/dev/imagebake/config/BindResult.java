package dev.imagebake.config;

import dev.imagebake.diag.Diagnostic;
import java.util.List;

/**
 * What binding one block produced.
 *
 * @param config the bound and checked record, or null when an error was found
 * @param checked the record the plugin's rules ran on: the whole block, or, when some keys have
 *     errors of their own, the block with those keys left out (so the rules could still report on
 *     the rest); null when even that could not be constructed. Never to be built with.
 * @param diagnostics every error and warning, located in the template
 */
public record BindResult<C extends Record>(C config, C checked, List<Diagnostic> diagnostics) {
  public BindResult {
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when the block has no errors (warnings are fine). */
  public boolean ok() {
    return config != null;
  }
}
