package dev.imagebake.builder.file;

import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/** The {@code file} builder: Packer's rules and messages from its {@code Prepare}. */
public final class FileBuilderFactory implements BuilderFactory<FileBuilderConfig> {
  public FileBuilderFactory() {}

  @Override
  public String type() {
    return "file";
  }

  @Override
  public Class<FileBuilderConfig> configType() {
    return FileBuilderConfig.class;
  }

  @Override
  public void check(FileBuilderConfig config, ConfigCheck check) {
    if (config.target() == null || config.target().isEmpty()) {
      check.error("target", "target required");
    }
    if (config.hasSource() && config.hasContent()) {
      check.error("content", "Cannot specify source file AND content");
    }
    if (!config.hasSource() && !config.hasContent()) {
      check.warn("content", "Both source file and contents are blank; target will have no content");
    }
  }

  @Override
  public Builder create(FileBuilderConfig config) {
    return new FileBuilder(config);
  }
}
