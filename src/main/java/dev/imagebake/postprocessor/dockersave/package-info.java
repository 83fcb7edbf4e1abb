/** The {@code docker-save} post-processor: writes a Docker image to a tar file. */
package dev.imagebake.postprocessor.dockersave;
