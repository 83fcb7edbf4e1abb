/**
 * The {@code shell} provisioner (Packer's remote POSIX shell provisioner), and the helpers it
 * shares with {@code shell-local}: {@code environment_vars} checking and flattening, Go's {@code
 * printf} for {@code env_var_format}, {@code valid_exit_codes}, inline script files and script
 * checks.
 */
package dev.imagebake.provisioner.shell;
