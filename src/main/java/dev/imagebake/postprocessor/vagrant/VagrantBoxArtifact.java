package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A box file (BuilderId {@code mitchellh.post-processor.vagrant}); its id is the provider.
 *
 * @param box as the {@code output} template named it
 * @param workingDirectory what a relative {@code box} is resolved against when destroyed
 */
record VagrantBoxArtifact(String provider, Path box, Path workingDirectory) implements Artifact {
  static final String BUILDER_ID = "mitchellh.post-processor.vagrant";

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return provider;
  }

  @Override
  public List<Path> files() {
    return List.of(box);
  }

  @Override
  public String describe() {
    return "'" + provider + "' provider box: " + box;
  }

  @Override
  public Map<String, String> generatedData() {
    return Map.of();
  }

  @Override
  public void destroy() throws Exception {
    Files.deleteIfExists(workingDirectory.resolve(box));
  }
}
