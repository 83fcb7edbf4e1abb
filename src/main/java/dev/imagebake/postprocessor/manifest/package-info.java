/**
 * The {@code manifest} post-processor (reference §7.1): appends each build's artifact to a JSON
 * file written byte for byte as Packer 1.6.6 writes it.
 *
 * <p>Differences from Packer: writers are serialised by an OS lock on {@code <output>.lock} (plus
 * an in-process lock, since parallel builds share one JVM) instead of Packer's O_EXCL file that
 * gives up after three tries; the lock file is left in place because deleting a lock file another
 * process has opened lets two writers in. The output's parent directories are created.
 *
 * <p>{@code custom_data} values are rendered from the template with the artifact's generated data;
 * secrets in them are written as {@code <sensitive>} (Packer writes them in clear).
 */
package dev.imagebake.postprocessor.manifest;
