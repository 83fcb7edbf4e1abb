/**
 * The {@code sleep} provisioner: waits for a duration, ended at once by an interrupt. Same key,
 * default and behaviour as Packer 1.6.6; a negative duration is warned about at validation.
 */
package dev.imagebake.provisioner.sleep;
