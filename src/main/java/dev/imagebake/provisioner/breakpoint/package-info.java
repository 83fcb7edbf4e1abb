/** The {@code breakpoint} provisioner: pauses the build until Enter is pressed. */
package dev.imagebake.provisioner.breakpoint;
