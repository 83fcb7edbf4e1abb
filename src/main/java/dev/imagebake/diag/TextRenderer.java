package dev.imagebake.diag;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Compiler-style text with the offending source line and a caret under the column. */
record TextRenderer(SourceLines lines, UnaryOperator<String> mask) implements DiagnosticRenderer {
  @Override
  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      SourceRef at = d.source();
      if (at != null && at.file() != null) {
        out.append(mask.apply(at.location())).append(": ");
      }
      out.append(d.severity().name().toLowerCase(Locale.ROOT))
          .append(": ")
          .append(mask.apply(d.message()))
          .append('\n');
      if (at != null && at.file() != null && at.line() > 0) {
        String line = lines.lineText(at.file(), at.line());
        if (!line.isEmpty()) {
          String masked = mask.apply(line);
          out.append("    ").append(masked).append('\n');
          // The caret only lines up when masking left the line alone.
          if (at.column() > 0 && masked.equals(line)) {
            out.append("    ").append(caret(line, at.column())).append('\n');
          }
        }
      }
      if (at != null && !at.pointer().isEmpty()) {
        out.append("  at ").append(mask.apply(at.pointer())).append('\n');
      }
      if (d.hint() != null) {
        out.append("  hint: ").append(mask.apply(d.hint())).append('\n');
      }
    }
    return out.toString();
  }

  /** Spaces up to the column, keeping tabs so the caret lines up however tabs are shown. */
  private static String caret(String line, int column) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < column - 1 && i < line.length(); i++) {
      s.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return s.append('^').toString();
  }
}
