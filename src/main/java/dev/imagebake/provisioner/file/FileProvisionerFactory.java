package dev.imagebake.provisioner.file;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;

/** The {@code file} provisioner: Packer's rules and messages from its {@code Prepare}. */
public final class FileProvisionerFactory implements ProvisionerFactory<FileProvisionerConfig> {
  public FileProvisionerFactory() {}

  @Override
  public String type() {
    return "file";
  }

  @Override
  public Class<FileProvisionerConfig> configType() {
    return FileProvisionerConfig.class;
  }

  @Override
  public void check(FileProvisionerConfig config, ConfigCheck check) {
    String direction = config.directionOrDefault();
    if (!direction.equals("upload") && !direction.equals("download")) {
      check.error("direction", "Direction must be one of: download, upload.");
    }
    if (direction.equals("upload") && !Boolean.TRUE.equals(config.generated())) {
      checkSourcesExist(config, check);
    }
    if (config.hasContent()) {
      if (!config.allSources().isEmpty()) {
        check.error("content", "Cannot specify source file AND content");
      }
      if (config.isDownload()) {
        check.error("content", "content can only be uploaded, not downloaded");
      }
    } else if (config.allSources().isEmpty()) {
      check.error("source", "Source must be specified.");
    }
    if (config.destination() == null || config.destination().isEmpty()) {
      check.error("destination", "Destination must be specified.");
    }
  }

  /**
   * Packer stats every upload source at validation. A source with {@code {{ }}} is only known when
   * the provisioner runs, so it is checked then.
   */
  private static void checkSourcesExist(FileProvisionerConfig config, ConfigCheck check) {
    if (config.sources() != null) {
      for (String src : config.sources()) {
        checkSourceExists("sources", src, check);
      }
    }
    if (config.source() != null && !config.source().isEmpty()) {
      checkSourceExists("source", config.source(), check);
    }
  }

  private static void checkSourceExists(String key, String src, ConfigCheck check) {
    if (src == null || src.isEmpty() || src.contains("{{")) {
      return;
    }
    if (!Files.exists(check.resolve(src))) {
      check.error(key, "Bad source '" + src + "': stat " + src + ": no such file or directory");
    }
  }

  @Override
  public Provisioner create(FileProvisionerConfig config) {
    return new FileProvisioner(config);
  }
}
