/**
 * The {@code file} builder (reference §5.2, BuilderId {@code packer.file}): writes a local file
 * from {@code source} or {@code content} and returns it as the artifact; useful to test
 * post-processors.
 *
 * <p>Provisioners run against a communicator with no machine behind it: every call succeeds, as on
 * Packer's mock communicator that templates rely on, but prints one line saying what was skipped
 * (Packer is silent). A failed provisioner triggers the {@code error-cleanup-provisioner} (Packer's
 * file builder never runs it).
 */
package dev.imagebake.builder.file;
