/** The {@code shell-local} post-processor: the shell-local provisioner's run, once per artifact. */
package dev.imagebake.postprocessor.shelllocal;
