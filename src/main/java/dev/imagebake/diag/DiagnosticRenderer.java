package dev.imagebake.diag;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns diagnostics into the text of one output format. Every string that reaches the output
 * (message, hint, source line, file name) passes the masking function first, so secret values never
 * appear; JSON pointers do not (they are made of keys and indexes, never of values).
 */
public sealed interface DiagnosticRenderer
    permits TextRenderer, JsonRenderer, GithubRenderer, CompactRenderer {
  /** The rendered diagnostics; "" for none. Ends with a newline when not empty. */
  String render(List<Diagnostic> diagnostics);

  /**
   * {@code file:line:col: error: message}, then the source line with a caret under the column,
   * {@code at /json/pointer} and a {@code hint:} line when there is one.
   */
  static DiagnosticRenderer text(SourceLines lines, UnaryOperator<String> mask) {
    return new TextRenderer(lines, mask);
  }

  /**
   * A JSON array of objects with {@code severity} ("error"/"warning"), {@code message}, {@code
   * file}, {@code line}, {@code column} (0 when unknown), {@code pointer} and {@code hint} (null
   * when none).
   */
  static DiagnosticRenderer json(UnaryOperator<String> mask) {
    return new JsonRenderer(mask);
  }

  /** GitHub Actions workflow commands: {@code ::error file=…,line=…,col=…::message}. */
  static DiagnosticRenderer github(UnaryOperator<String> mask) {
    return new GithubRenderer(mask);
  }

  /**
   * One line per diagnostic, {@code line:col: severity: message (pointer)}, then {@code hint: …}
   * when there is one; no file name. For golden files and terse logs.
   */
  static DiagnosticRenderer compact(UnaryOperator<String> mask) {
    return new CompactRenderer(mask);
  }
}
