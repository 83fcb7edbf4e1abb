/**
 * The {@code checksum} post-processor (reference §7.2): appends {@code <hex>\t<file name>} lines to
 * one file per checksum type, rendered from {@code output}.
 *
 * <p>Differences from Packer: each input file is read once for all types, and all inputs are read
 * before any checksum file is created, so a missing input leaves no half-written checksum files.
 */
package dev.imagebake.postprocessor.checksum;
