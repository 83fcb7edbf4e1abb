/**
 * The {@code shell} provisioner (Packer's remote POSIX shell provisioner); the helpers it shares
 * with {@code shell-local} are in {@link dev.imagebake.sdk.shell}.
 */
package dev.imagebake.provisioner.shell;
