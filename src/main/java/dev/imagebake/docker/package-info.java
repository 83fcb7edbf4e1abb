/**
 * What the docker plugins share (as Packer's post-processors share {@code builder/docker}'s
 * driver): the Docker Engine API client made from {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}
 * and {@code DOCKER_CERT_PATH} on docker-java, readable messages for the engine's errors, registry
 * credentials, image references, and the artifact of a Docker image. Imports the SDK and
 * docker-java only.
 */
package dev.imagebake.docker;
