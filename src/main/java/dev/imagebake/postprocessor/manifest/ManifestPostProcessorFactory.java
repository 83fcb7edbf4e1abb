package dev.imagebake.postprocessor.manifest;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.io.LockFiles;

/**
 * The {@code manifest} post-processor. The factory owns the in-process locks, so every manifest
 * post-processor it creates (one per build, running in parallel) shares them.
 */
public final class ManifestPostProcessorFactory implements PostProcessorFactory<ManifestConfig> {
  private final LockFiles locks = new LockFiles();

  public ManifestPostProcessorFactory() {}

  @Override
  public String type() {
    return "manifest";
  }

  @Override
  public Class<ManifestConfig> configType() {
    return ManifestConfig.class;
  }

  @Override
  public PostProcessor create(ManifestConfig config) {
    return new ManifestPostProcessor(config, locks);
  }
}
