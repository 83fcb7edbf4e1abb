/** The {@code docker-import} post-processor: a tarball becomes a Docker image. */
package dev.imagebake.postprocessor.dockerimport;
