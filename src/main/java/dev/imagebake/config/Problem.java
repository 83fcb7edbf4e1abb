package dev.imagebake.config;

import dev.imagebake.diag.Severity;

/**
 * A problem found in a block, before it is given a source position.
 *
 * @param severity error or warning
 * @param pointer where, relative to the block ("" for the block itself)
 * @param atKey point at the member's key rather than its value
 * @param offset 0-based offset inside the string value, or -1
 * @param message one line
 * @param hint a suggestion, or null
 */
record Problem(
    Severity severity, String pointer, boolean atKey, int offset, String message, String hint) {
  static Problem atValue(String pointer, String message) {
    return new Problem(Severity.ERROR, pointer, false, -1, message, null);
  }

  static Problem atKey(String pointer, String message, String hint) {
    return new Problem(Severity.ERROR, pointer, true, -1, message, hint);
  }
}
