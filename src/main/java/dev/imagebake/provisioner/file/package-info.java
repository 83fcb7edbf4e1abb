/**
 * The {@code file} provisioner (reference §6.3, §4.5): uploads files, directories or a {@code
 * content} string to the machine, or downloads from it, through the SDK {@code Communicator}.
 *
 * <p>Differences from Packer 1.6.6, all deliberate:
 *
 * <ul>
 *   <li>{@code content} (Packer 1.7+) is accepted; a destination ending in {@code /} gets a file
 *       named {@code pkr-file-content}.
 *   <li>A missing destination directory is created ({@code mkdir -p}) when the destination is
 *       explicitly a directory: it ends in {@code /} for file sources, or the source is a directory
 *       with a trailing slash. Packer leaves this undefined (scp writes a file in its place or
 *       fails). A directory source without trailing slash still becomes a missing destination.
 *   <li>Downloads handle every source against the same destination (Packer stops after the first
 *       directory download and appends each file name to the destination of the next source).
 *   <li>{@code ~/} in a local path is the user's home directory.
 *   <li>Sources containing {@code {{ }}} are checked for existence when the provisioner runs, not
 *       at validation (they are rendered with build data then).
 *   <li>No progress bar: the SDK {@code Ui} has no progress API.
 * </ul>
 */
package dev.imagebake.provisioner.file;
