package dev.imagebake.postprocessor.compress;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/** The {@code compress} post-processor (reference §7.3). */
public final class CompressPostProcessorFactory implements PostProcessorFactory<CompressConfig> {
  public CompressPostProcessorFactory() {}

  @Override
  public String type() {
    return "compress";
  }

  @Override
  public Class<CompressConfig> configType() {
    return CompressConfig.class;
  }

  /** Packer fails at run time on levels below -1 ("invalid compression level"); we say so now. */
  @Override
  public void check(CompressConfig config, ConfigCheck check) {
    Integer level = config.compressionLevel();
    if (level != null && level < -1) {
      check.error(
          "compression_level",
          "compression_level must be -1 (default), 0 (no compression) or 1-"
              + config.detectedFormat().codec().maxLevel()
              + ", got "
              + level);
    }
  }

  @Override
  public PostProcessor create(CompressConfig config) {
    return new CompressPostProcessor(config, Runtime.getRuntime().availableProcessors());
  }
}
