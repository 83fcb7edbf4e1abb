package dev.imagebake.builder.docker;

import dev.imagebake.docker.DockerIds;
import dev.imagebake.sdk.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Packer's {@code docker.ExportArtifact}: the exported tarball, or nothing for {@code discard}.
 *
 * @param path the tarball, or null when the container was discarded
 */
record ExportArtifact(Path path, Map<String, String> generatedData) implements Artifact {
  @Override
  public String builderId() {
    return DockerIds.BUILDER;
  }

  @Override
  public String id() {
    return "Container";
  }

  @Override
  public List<Path> files() {
    return path == null ? List.of() : List.of(path);
  }

  @Override
  public String describe() {
    return "Exported Docker file: " + (path == null ? "" : path.toString());
  }

  @Override
  public void destroy() throws Exception {
    if (path != null) {
      Files.deleteIfExists(path);
    }
  }
}
