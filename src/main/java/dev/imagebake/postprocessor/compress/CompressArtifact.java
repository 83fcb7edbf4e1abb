package dev.imagebake.postprocessor.compress;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The compressed file (BuilderId {@code packer.post-processor.compress}).
 *
 * @param path as the rendered {@code output} named it; what {@link #files()} and the summary show
 * @param written the same file resolved against the working directory; what {@link #destroy()}
 *     deletes
 */
record CompressArtifact(Path path, Path written) implements Artifact {
  static final String BUILDER_ID = "packer.post-processor.compress";

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return "";
  }

  @Override
  public List<Path> files() {
    return List.of(path);
  }

  @Override
  public String describe() {
    return "compressed artifacts in: " + path;
  }

  /** Packer's compress artifact carries no generated data. */
  @Override
  public Map<String, String> generatedData() {
    return Map.of();
  }

  @Override
  public void destroy() throws Exception {
    Files.deleteIfExists(written);
  }
}
