package dev.imagebake.postprocessor.manifest;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM appending entries to a manifest, for the cross-process lock test. Arguments: the
 * directory, a build-name prefix, and how many entries.
 */
final class ManifestWriterProcess {
  private ManifestWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[2]);
    PostProcessor pp =
        new ManifestPostProcessorFactory().create(new ManifestConfig("m.json", null, null, null));
    SimpleArtifact artifact = new SimpleArtifact("fnoeding.null", "Null", List.of(), "", Map.of());
    for (int i = 0; i < count; i++) {
      pp.postProcess(
          TestBuildContext.in(dir)
              .withBuild(args[1] + i, "null")
              .withForce(false)
              .withRunUuid("run"),
          artifact);
    }
  }
}
