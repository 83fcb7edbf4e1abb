/**
 * What the user sees while builds run: {@link dev.imagebake.ui.Event}s, the {@link
 * dev.imagebake.ui.SecretFilter} that masks them, and the renderers (Packer's console format,
 * Packer's machine-readable format, JSON lines) behind one {@link dev.imagebake.ui.Output}.
 */
package dev.imagebake.ui;
