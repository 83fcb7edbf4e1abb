package dev.imagebake.diag;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * GitHub Actions workflow commands, so CI shows each problem on the file. Escaping follows the
 * Actions toolkit: {@code %}, CR and LF everywhere, plus {@code :} and {@code ,} in properties.
 */
record GithubRenderer(UnaryOperator<String> mask) implements DiagnosticRenderer {
  @Override
  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(d.isError() ? "::error" : "::warning");
      SourceRef at = d.source();
      if (at != null && at.file() != null) {
        out.append(" file=").append(property(mask.apply(at.file().toString())));
        if (at.line() > 0) {
          out.append(",line=").append(at.line());
          if (at.column() > 0) {
            out.append(",col=").append(at.column());
          }
        }
      }
      StringBuilder message = new StringBuilder(mask.apply(d.message()));
      if (at != null && !at.pointer().isEmpty()) {
        message.append(" (at ").append(at.pointer()).append(')');
      }
      if (d.hint() != null) {
        message.append("\nhint: ").append(mask.apply(d.hint()));
      }
      out.append("::").append(data(message.toString())).append('\n');
    }
    return out.toString();
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
