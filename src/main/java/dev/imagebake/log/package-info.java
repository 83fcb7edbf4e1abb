/**
 * imagebake's SLF4J provider: Packer's debug log ({@code PACKER_LOG}, {@code PACKER_LOG_PATH},
 * {@code IMAGEBAKE_LOG}), one time-stamped line per log line, with every secret of the run masked.
 * Plugins and libraries log through SLF4J's API only; this package is where the lines end up.
 */
package dev.imagebake.log;
