/**
 * Streams for plugins that write large files: pigz-style parallel gzip and BGZF ({@link
 * dev.imagebake.sdk.io.ParallelDeflateOutputStream}), used by the compress and vagrant
 * post-processors.
 */
package dev.imagebake.sdk.io;
