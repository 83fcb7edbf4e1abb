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
   * Packer stats every upload source at validation. A source with {@code {{ }}} is checked as
   * rendered when validation knows its value ({@code {{template_dir}}/../modules}); one that needs
   * the build's data ({@code {{build `Host`}}}) only when the provisioner runs.
   */
  private static void checkSourcesExist(FileProvisionerConfig config, ConfigCheck check) {
    if (config.sources() != null) {
      for (int i = 0; i < config.sources().size(); i++) {
        String src = config.sources().get(i);
        if (src == null || src.isEmpty()) {
          // Packer: "stat : no such file or directory", which names nothing.
          check.error("sources/" + i, "a source must not be empty");
        } else {
          checkSourceExists("sources/" + i, src, check);
        }
      }
    }
    if (config.source() != null && !config.source().isEmpty()) {
      checkSourceExists("source", config.source(), check);
    }
  }

  private static void checkSourceExists(String key, String raw, ConfigCheck check) {
    String src = check.renderNow(raw);
    if (src == null) {
      return;
    }
    if (src.isEmpty()) {
      check.error(key, "the source '" + raw + "' renders to an empty path");
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
