/**
 * What the {@code shell-local} provisioner and post-processor share (Packer's {@code
 * packer-plugin-sdk/shell-local}): the keys ({@link
 * dev.imagebake.sdk.shelllocal.ShellLocalConfig}), their checks and the local run, so that both
 * plugins are thin factories over it.
 */
package dev.imagebake.sdk.shelllocal;
