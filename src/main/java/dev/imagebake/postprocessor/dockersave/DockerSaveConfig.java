package dev.imagebake.postprocessor.dockersave;

import dev.imagebake.sdk.config.Doc;

/** The {@code docker-save} post-processor's keys (Packer 1.6.6). */
@Doc(
    "Saves the image of the docker builder, docker-import or docker-tag to a tar file (docker save).")
public record DockerSaveConfig(@Doc("The tar file to write. Required.") String path) {}
