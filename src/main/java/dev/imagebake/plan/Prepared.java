package dev.imagebake.plan;

import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.time.Duration;

/** The bound blocks of a {@link PreparedBuild}. */
final class Prepared {
  private Prepared() {}

  /** A provisioner block bound for one build, with its decorators. */
  record Provisioner(
      String type,
      ProvisionerFactory<?> factory,
      Record config,
      Duration pauseBefore,
      int maxRetries,
      Duration timeout) {}

  /** A post-processor block bound for one build. */
  record PostProcessor(
      String name,
      String type,
      PostProcessorFactory<?> factory,
      Record config,
      Boolean keepInputArtifact) {}
}
