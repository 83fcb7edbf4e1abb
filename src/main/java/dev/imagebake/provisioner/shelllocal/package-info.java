/**
 * The {@code shell-local} provisioner, and {@link
 * dev.imagebake.provisioner.shelllocal.ShellLocalRunner}, the run it shares with the {@code
 * shell-local} post-processor.
 */
package dev.imagebake.provisioner.shelllocal;
