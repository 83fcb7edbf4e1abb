package dev.imagebake.postprocessor.checksum;

import dev.imagebake.sdk.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The input's files plus the checksum files this run created (BuilderId {@code
 * packer.post-processor.checksum}).
 *
 * @param files as the previous artifact and the {@code output} template named them
 * @param workingDirectory what relative {@code files} are resolved against when destroyed
 */
record ChecksumArtifact(List<Path> files, Path workingDirectory) implements Artifact {
  static final String BUILDER_ID = "packer.post-processor.checksum";

  ChecksumArtifact {
    files = List.copyOf(files);
  }

  @Override
  public String builderId() {
    return BUILDER_ID;
  }

  @Override
  public String id() {
    return "";
  }

  @Override
  public String describe() {
    return "Created artifact from files: "
        + files.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  @Override
  public Map<String, String> generatedData() {
    return Map.of();
  }

  @Override
  public void destroy() throws Exception {
    for (Path f : files) {
      Files.deleteIfExists(workingDirectory.resolve(f));
    }
  }
}
