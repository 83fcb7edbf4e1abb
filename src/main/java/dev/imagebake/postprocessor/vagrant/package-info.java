/**
 * The {@code vagrant} post-processor (reference §7.4): wraps a qemu artifact in a {@code libvirt}
 * box ({@code box.img}, {@code metadata.json}, {@code Vagrantfile}) or an amazon-ebs artifact in an
 * {@code aws} box, as a tar, gzipped at {@code compression_level}.
 *
 * <p>Differences from Packer: the disk and the includes are streamed into the archive instead of
 * being copied to a temporary directory first; no "dummy box" is made (the archive is written
 * in-process, so there is no host tar to test); the box appears only when complete (written to a
 * hidden sibling, then renamed); compression levels, includes and unimplemented providers are
 * checked at validation; a qemu artifact without its disk facts is an error (Packer panics).
 */
package dev.imagebake.postprocessor.vagrant;
