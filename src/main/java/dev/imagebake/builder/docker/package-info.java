/**
 * The {@code docker} builder (Packer's {@code packer.docker}): starts a container from {@code
 * image} through the Docker Engine API, provisions it through the {@code docker} communicator
 * plugin, and commits, exports or discards it. {@code run_command} is read as {@code docker run}
 * arguments (see {@link dev.imagebake.builder.docker.RunArgs}) since no docker CLI is involved.
 */
package dev.imagebake.builder.docker;
