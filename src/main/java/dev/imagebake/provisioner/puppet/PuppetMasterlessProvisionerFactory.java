package dev.imagebake.provisioner.puppet;

import static dev.imagebake.provisioner.puppet.PuppetMasterlessConfig.isSet;

import dev.imagebake.sdk.GuestCommands;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.go.GoStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code puppet-masterless} provisioner: Packer 1.6.6's {@code Prepare} rules and messages,
 * each located at the key (or list element) it is about. Packer stops at a bad {@code
 * guest_os_type}; here every problem is reported.
 */
public final class PuppetMasterlessProvisionerFactory
    implements ProvisionerFactory<PuppetMasterlessConfig> {
  public PuppetMasterlessProvisionerFactory() {}

  @Override
  public String type() {
    return "puppet-masterless";
  }

  @Override
  public Class<PuppetMasterlessConfig> configType() {
    return PuppetMasterlessConfig.class;
  }

  @Override
  public void check(PuppetMasterlessConfig config, ConfigCheck check) {
    String os = config.osType();
    if (!os.equals("unix") && !os.equals("windows")) {
      check.error("guest_os_type", "Invalid guest_os_type: \"" + config.osType() + "\"");
    } else if (os.equals("windows")) {
      check.error(
          "guest_os_type",
          "guest_os_type windows: imagebake's puppet-masterless provisions unix machines only, for now");
    }
    for (String key : List.of("elevated_user", "elevated_password")) {
      String value =
          key.equals("elevated_user") ? config.elevatedUser() : config.elevatedPassword();
      if (isSet(value)) {
        check.error(
            key, key + " only applies to Windows machines, which imagebake does not support yet");
      }
    }
    if (isSet(config.hieraConfigPath())) {
      Path p = check.resolve(config.hieraConfigPath());
      Optional<String> stat = GoStat.error(config.hieraConfigPath(), p);
      if (stat.isPresent()) {
        check.error("hiera_config_path", "hiera_config_path is invalid: " + stat.get());
      } else if (Files.isDirectory(p)) {
        check.error("hiera_config_path", "hiera_config_path must point to a file");
      }
    }
    if (isSet(config.manifestDir())) {
      Path p = check.resolve(config.manifestDir());
      Optional<String> stat = GoStat.error(config.manifestDir(), p);
      if (stat.isPresent()) {
        check.error("manifest_dir", "manifest_dir is invalid: " + stat.get());
      } else if (!Files.isDirectory(p)) {
        check.error("manifest_dir", "manifest_dir must point to a directory");
      } else if (!isSet(config.executeCommand())) {
        check.warn(
            "manifest_dir",
            "manifest_dir makes the default execute_command pass --manifestdir, which Puppet 4"
                + " and later refuse; put the manifests in manifest_file (a directory) instead");
      }
    }
    if (!isSet(config.manifestFile())) {
      check.error("manifest_file", "A manifest_file must be specified.");
    } else {
      GoStat.error(config.manifestFile(), check.resolve(config.manifestFile()))
          .ifPresent(stat -> check.error("manifest_file", "manifest_file is invalid: " + stat));
    }
    List<String> modules = config.modules();
    for (int i = 0; i < modules.size(); i++) {
      String module = modules.get(i) == null ? "" : modules.get(i);
      Path p = check.resolve(module);
      Optional<String> stat = GoStat.error(module, p);
      if (stat.isPresent()) {
        check.error("module_paths/" + i, "module_path[" + i + "] is invalid: " + stat.get());
      } else if (!Files.isDirectory(p)) {
        check.error("module_paths/" + i, "module_path[" + i + "] must point to a directory");
      }
    }
    if (GuestCommands.stripTrailingSlashes(config.staging()).equals("/")) {
      check.error(
          "staging_directory",
          "staging_directory must not be /: the provisioner makes it world-writable");
    }
  }

  @Override
  public Provisioner create(PuppetMasterlessConfig config) {
    return new PuppetMasterlessProvisioner(config);
  }
}
