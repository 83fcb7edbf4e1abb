package dev.imagebake.postprocessor.checksum;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/** The {@code checksum} post-processor: Packer's rules and messages from its {@code Configure}. */
public final class ChecksumPostProcessorFactory implements PostProcessorFactory<ChecksumConfig> {
  public ChecksumPostProcessorFactory() {}

  @Override
  public String type() {
    return "checksum";
  }

  @Override
  public Class<ChecksumConfig> configType() {
    return ChecksumConfig.class;
  }

  @Override
  public void check(ChecksumConfig config, ConfigCheck check) {
    for (String type : config.typesOrDefault()) {
      if (ChecksumType.of(type).isEmpty()) {
        check.error("checksum_types", "Unrecognized checksum type: " + type);
      }
    }
  }

  @Override
  public PostProcessor create(ChecksumConfig config) {
    return new ChecksumPostProcessor(config);
  }
}
