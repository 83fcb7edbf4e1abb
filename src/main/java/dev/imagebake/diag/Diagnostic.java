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
}
