package dev.imagebake.diag;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** A JSON array, one object per diagnostic, for tools. */
record JsonRenderer(UnaryOperator<String> mask) implements DiagnosticRenderer {
  @Override
  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < diagnostics.size(); i++) {
      Diagnostic d = diagnostics.get(i);
      SourceRef at = d.source();
      out.append(i == 0 ? "\n  {" : ",\n  {");
      out.append("\"severity\":")
          .append(quote(d.severity().name().toLowerCase(Locale.ROOT)))
          .append(",\"message\":")
          .append(quote(mask.apply(d.message())))
          .append(",\"file\":")
          .append(
              at == null || at.file() == null ? "null" : quote(mask.apply(at.file().toString())))
          .append(",\"line\":")
          .append(at == null ? 0 : at.line())
          .append(",\"column\":")
          .append(at == null ? 0 : at.column())
          .append(",\"pointer\":")
          .append(quote(at == null ? "" : at.pointer()))
          .append(",\"hint\":")
          .append(d.hint() == null ? "null" : quote(mask.apply(d.hint())))
          .append('}');
    }
    return out.append(diagnostics.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
