package dev.imagebake.diag;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** {@code line:col: severity: message (pointer)} per diagnostic; golden files use it. */
record CompactRenderer(UnaryOperator<String> mask) implements DiagnosticRenderer {
  @Override
  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      SourceRef at = d.source();
      out.append(at == null ? 0 : at.line())
          .append(':')
          .append(at == null ? 0 : at.column())
          .append(": ")
          .append(d.severity().name().toLowerCase(Locale.ROOT))
          .append(": ")
          .append(mask.apply(d.message()));
      if (at != null && !at.pointer().isEmpty()) {
        out.append(" (").append(at.pointer()).append(')');
      }
      out.append('\n');
      if (d.hint() != null) {
        out.append("  hint: ").append(mask.apply(d.hint())).append('\n');
      }
    }
    return out.toString();
  }
}
