package dev.imagebake.diag;

/**
 * One problem found in a template or its inputs.
 *
 * @param severity error or warning
 * @param message what is wrong, in one line (Packer's wording where it has one)
 * @param source where; the pointer names the key or value at fault
 * @param hint a suggestion ("did you mean 'ssh_username'?"), or null
 */
public record Diagnostic(Severity severity, String message, SourceRef source, String hint) {
  public static Diagnostic error(SourceRef source, String message) {
    return new Diagnostic(Severity.ERROR, message, source, null);
  }

  public static Diagnostic warning(SourceRef source, String message) {
    return new Diagnostic(Severity.WARNING, message, source, null);
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(severity, message, source, newHint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  // The orders below are written out rather than composed with Comparator.comparing: the lambdas
  // inside the JDK's comparator combinators cannot be kept in the class-data archive, so each one
  // costs a generated class at every start-up.

  /** By line, then column: file order within one file (those without a position first). */
  public static int compareLineColumn(Diagnostic a, Diagnostic b) {
    int byLine = Integer.compare(a.source().line(), b.source().line());
    return byLine != 0 ? byLine : Integer.compare(a.source().column(), b.source().column());
  }

  /** By file name, then line and column. */
  public static int compareFileLineColumn(Diagnostic a, Diagnostic b) {
    int byFile = String.valueOf(a.source().file()).compareTo(String.valueOf(b.source().file()));
    return byFile != 0 ? byFile : compareLineColumn(a, b);
  }
}
