/**
 * Helpers for plugins that run shell scripts (Packer's {@code packer-plugin-sdk/shell}), shared by
 * the {@code shell} and {@code shell-local} plugins: {@code environment_vars} checking and
 * flattening, Go's {@code printf} for {@code env_var_format}, {@code valid_exit_codes}, inline
 * script files, script checks and run-time rendering.
 */
package dev.imagebake.sdk.shell;
