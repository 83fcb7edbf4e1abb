/**
 * The {@code compress} post-processor (reference §7.3): a tar or zip of the artifact's files, or
 * its single file compressed, chosen by the output's extension as in Packer.
 *
 * <p>gzip and BGZF are deflated on every core by {@link
 * dev.imagebake.sdk.io.ParallelDeflateOutputStream} (pigz-style: one gzip member whose chunks are
 * primed with the previous 32 KiB, so any gzip reader opens it); zstd uses zstd-jni's worker
 * threads; xz (tukaani) and lz4 (lz4-java) run on one core.
 *
 * <p>Differences from Packer: {@code .zst}/{@code .tar.zst} (zstd) exist; {@code compression_level}
 * 0 means no compression (stored) where the format can store and the fastest setting otherwise,
 * where Packer treats 0 as the default; xz honours the level (Packer ignores it); an unknown {@code
 * format} value is a validation error; single-file formats with several inputs fail before any
 * output is created; an output that is one of the inputs is refused; a failed or interrupted run
 * removes its partial output.
 */
package dev.imagebake.postprocessor.compress;
