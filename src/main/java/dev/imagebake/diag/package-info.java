/**
 * Diagnostics as values: what is wrong and exactly where (file, line, column, JSON pointer).
 * Rendering them (text with a caret, JSON, GitHub annotations) is separate.
 */
package dev.imagebake.diag;
