package dev.imagebake.diag;

/** How bad a diagnostic is: errors fail the command, warnings do not. */
public enum Severity {
  ERROR,
  WARNING
}
