package dev.imagebake.builder.file;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The file builder's artifact (BuilderId {@code packer.file}, Id {@code File}).
 *
 * @param target the target as the template wrote it; what {@link #files()} and the summary show
 * @param written the same file resolved against the working directory; what {@link #destroy()}
 *     deletes
 */
record FileArtifact(String target, Path written) implements Artifact {
  static final String BUILDER_ID = "packer.file";

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return "File";
  }

  @Override
  public List<Path> files() {
    return List.of(Path.of(target));
  }

  @Override
  public String describe() {
    return "Stored file: " + target;
  }

  /** Packer's file artifact carries no generated data. */
  @Override
  public Map<String, String> generatedData() {
    return Map.of();
  }

  @Override
  public void destroy() throws Exception {
    Files.deleteIfExists(written);
  }
}
