/**
 * Runs builds: one per builder block, in parallel; steps with reverse-order cleanup under the
 * {@code -on-error} policy; provisioners with their decorators; post-processor chains; interrupts.
 */
package dev.imagebake.engine;
