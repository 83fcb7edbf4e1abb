/** The {@code docker-push} post-processor: pushes a Docker image to its registry. */
package dev.imagebake.postprocessor.dockerpush;
