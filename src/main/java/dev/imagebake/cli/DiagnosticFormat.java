package dev.imagebake.cli;

/** How {@code validate} reports problems. */
enum DiagnosticFormat {
  /** {@code file:line:col: error: message} with the source line and a caret, on stderr. */
  text,
  /** One JSON document on stdout, for tools. */
  json,
  /** GitHub Actions annotations on stdout ({@code ::error file=…,line=…,col=…::…}). */
  github
}
