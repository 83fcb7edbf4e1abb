package dev.imagebake.diag;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Compiler-style text with the offending source line and a caret under the column. */
record TextRenderer(SourceLines lines, UnaryOperator<String> mask) implements DiagnosticRenderer {
  private static final int WINDOW = 160;

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
        String full = lines.lineText(at.file(), at.line());
        if (!full.isEmpty()) {
          // Minified JSON has huge lines: show a window around the column.
          int start = Math.max(0, Math.min(at.column() - 1, full.length()) - WINDOW / 2);
          int end = Math.min(full.length(), start + WINDOW);
          String line = (start > 0 ? "..." : "") + full.substring(start, end);
          int column = at.column() - start + (start > 0 ? 3 : 0);
          String masked = mask.apply(line);
          out.append("    ").append(masked).append('\n');
          // The caret goes under the same character of the masked line: the part before the
          // column, masked, is where it moved to (unless a secret straddles the column).
          String before = mask.apply(line.substring(0, Math.min(column - 1, line.length())));
          if (at.column() > 0 && masked.startsWith(before)) {
            out.append("    ").append(caret(masked, before.length() + 1)).append('\n');
          }
        }
      }
      if (at != null && !at.pointer().isEmpty()) {
        out.append("  at ").append(at.pointer()).append('\n');
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
