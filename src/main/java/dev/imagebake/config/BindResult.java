package dev.imagebake.config;

import dev.imagebake.diag.Diagnostic;
import java.util.List;

/**
 * What binding one block produced.
 *
 * @param config the bound and checked record, or null when an error was found
 * @param diagnostics every error and warning, located in the template
 */
public record BindResult<C extends Record>(C config, List<Diagnostic> diagnostics) {
  public BindResult {
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when the block has no errors (warnings are fine). */
  public boolean ok() {
    return config != null;
  }
}
