package dev.imagebake.postprocessor.manifest;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A separate JVM appending entries to a manifest, for the cross-process lock test. Arguments: the
 * directory, a build-name prefix, and how many entries.
 */
final class ManifestWriterProcess {
  private ManifestWriterProcess() {}

  private static final int THREADS = 4;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[2]);
    PostProcessor pp =
        new ManifestPostProcessorFactory().create(new ManifestConfig("m.json", null, null, null));
    SimpleArtifact artifact = new SimpleArtifact("fnoeding.null", "Null", List.of(), "", Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        TestBuildContext ctx =
            TestBuildContext.in(dir)
                .withBuild(args[1] + i, "null")
                .withForce(false)
                .withRunUuid("run");
        done.add(pool.submit(() -> pp.postProcess(ctx, artifact)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
