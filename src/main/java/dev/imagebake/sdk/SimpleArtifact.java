package dev.imagebake.sdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An artifact made of local files (or nothing), whose {@link #destroy()} deletes the files. */
public record SimpleArtifact(
    String builderId,
    String id,
    List<Path> files,
    String describe,
    Map<String, String> generatedData)
    implements Artifact {
  public SimpleArtifact {
    files = List.copyOf(files);
    generatedData = Map.copyOf(generatedData);
  }

  @Override
  public void destroy() throws Exception {
    for (Path f : files) {
      Files.deleteIfExists(f);
    }
  }
}
