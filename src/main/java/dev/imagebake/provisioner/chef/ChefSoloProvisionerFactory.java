package dev.imagebake.provisioner.chef;

import static dev.imagebake.provisioner.chef.ChefSoloConfig.isSet;

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
 * The {@code chef-solo} provisioner: Packer 1.6.6's {@code Prepare} rules and messages, each at the
 * key (or list element) it is about. Where Packer printed Go's {@code %!s(<nil>)} (a path that
 * exists but has the wrong kind), the message says what is wrong instead.
 */
public final class ChefSoloProvisionerFactory implements ProvisionerFactory<ChefSoloConfig> {
  public ChefSoloProvisionerFactory() {}

  @Override
  public String type() {
    return "chef-solo";
  }

  @Override
  public Class<ChefSoloConfig> configType() {
    return ChefSoloConfig.class;
  }

  @Override
  public void check(ChefSoloConfig config, ConfigCheck check) {
    String os = config.osType();
    if (!os.equals("unix") && !os.equals("windows")) {
      check.error("guest_os_type", "Invalid guest_os_type: \"" + config.osType() + "\"");
    } else if (os.equals("windows")) {
      check.error(
          "guest_os_type",
          "guest_os_type windows: imagebake's chef-solo provisions unix machines only, for now");
    }
    if (isSet(config.configTemplate())) {
      Path p = check.resolve(config.configTemplate());
      Optional<String> stat = GoStat.error(config.configTemplate(), p);
      if (stat.isPresent()) {
        check.error("config_template", "Bad config template path: " + stat.get());
      } else if (Files.isDirectory(p)) {
        check.error(
            "config_template",
            "Config template path must be a file: " + config.configTemplate() + " is a directory");
      }
    }
    List<String> cookbooks = config.cookbooks();
    for (int i = 0; i < cookbooks.size(); i++) {
      directory(check, "cookbook_paths/" + i, "cookbook path", cookbooks.get(i));
    }
    if (isSet(config.rolesPath())) {
      directory(check, "roles_path", "roles path", config.rolesPath());
    }
    if (isSet(config.dataBagsPath())) {
      directory(check, "data_bags_path", "data bags path", config.dataBagsPath());
    }
    if (isSet(config.encryptedDataBagSecretPath())) {
      String path = config.encryptedDataBagSecretPath();
      Path p = check.resolve(path);
      Optional<String> stat = GoStat.error(path, p);
      if (stat.isPresent() || Files.isDirectory(p)) {
        check.error(
            "encrypted_data_bag_secret_path",
            "Bad encrypted data bag secret '" + path + "': " + stat.orElse("is a directory"));
      }
    }
    if (isSet(config.environmentsPath())) {
      directory(check, "environments_path", "environments path", config.environmentsPath());
    }
    if (isSet(config.chefEnvironment())
        && !isSet(config.environmentsPath())
        && !isSet(config.configTemplate())) {
      check.warn(
          "chef_environment",
          "chef_environment is not used without environments_path: the default solo.rb names"
              + " the environment only together with environment_path");
    }
    List<String> runs = config.runs();
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i) == null || runs.get(i).isBlank()) {
        check.error("run_list/" + i, "run_list entries must not be empty");
      }
    }
    if (GuestCommands.stripTrailingSlashes(config.staging()).equals("/")) {
      check.error(
          "staging_directory",
          "staging_directory must not be /: the provisioner makes it world-writable");
    }
  }

  /** A path that must be a directory, with Packer's "Bad <what> '<path>': <error>" wording. */
  private static void directory(ConfigCheck check, String key, String what, String path) {
    String shown = path == null ? "" : path;
    Path p = check.resolve(shown);
    Optional<String> stat = GoStat.error(shown, p);
    if (stat.isPresent() || !Files.isDirectory(p)) {
      check.error(key, "Bad " + what + " '" + shown + "': " + stat.orElse("not a directory"));
    }
  }

  @Override
  public Provisioner create(ChefSoloConfig config) {
    return new ChefSoloProvisioner(config);
  }
}
