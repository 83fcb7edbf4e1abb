/**
 * The {@code shell-local} provisioner: a thin factory over the SDK's {@link
 * dev.imagebake.sdk.shelllocal} (keys, checks and run, shared with the {@code shell-local}
 * post-processor).
 */
package dev.imagebake.provisioner.shelllocal;
