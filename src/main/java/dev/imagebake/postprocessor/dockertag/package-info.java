/** The {@code docker-tag} post-processor: names a Docker image in a repository. */
package dev.imagebake.postprocessor.dockertag;
