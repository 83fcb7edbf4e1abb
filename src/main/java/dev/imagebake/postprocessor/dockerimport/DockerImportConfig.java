package dev.imagebake.postprocessor.dockerimport;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenamedKey;
import java.util.List;

/**
 * The {@code docker-import} post-processor's keys (Packer 1.6.6). Packer refuses {@code
 * login_email} as deprecated (its docker-email fixer deletes it).
 */
@RenamedKey(key = "login_email", use = "")
@Doc("Imports a tarball (the docker builder's export_path, or artifice's file) as a Docker image.")
public record DockerImportConfig(
    @Doc("Repository to import the image as.") String repository,
    @Doc("Tag of the imported image.") String tag,
    @Doc("Dockerfile instructions applied to the image (CMD, ENTRYPOINT, ENV, ...).")
        List<String> changes) {}
