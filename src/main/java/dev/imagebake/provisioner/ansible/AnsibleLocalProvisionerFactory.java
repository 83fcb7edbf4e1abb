package dev.imagebake.provisioner.ansible;

import static dev.imagebake.provisioner.ansible.AnsibleLocalConfig.empty;
import static dev.imagebake.provisioner.ansible.AnsibleLocalConfig.orEmpty;
import static dev.imagebake.provisioner.ansible.PathChecks.checkDir;
import static dev.imagebake.provisioner.ansible.PathChecks.checkFile;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.util.List;

/**
 * The {@code ansible-local} provisioner: Packer's {@code Prepare} rules, in its order and wording
 * ({@code "<key>: <path> is invalid: stat <path>: no such file or directory"}), each located at the
 * key (or list element) that names the path.
 */
public final class AnsibleLocalProvisionerFactory
    implements ProvisionerFactory<AnsibleLocalConfig> {
  public AnsibleLocalProvisionerFactory() {}

  @Override
  public String type() {
    return "ansible-local";
  }

  @Override
  public Class<AnsibleLocalConfig> configType() {
    return AnsibleLocalConfig.class;
  }

  @Override
  public void check(AnsibleLocalConfig config, ConfigCheck check) {
    boolean hasFile = !empty(config.playbookFile());
    boolean hasFiles = !orEmpty(config.playbookFiles()).isEmpty();
    if (hasFile && hasFiles) {
      check.error(
          "playbook_file", "Either playbook_file or playbook_files can be specified, not both");
    }
    if (!hasFile && !hasFiles) {
      check.error("Either playbook_file or playbook_files must be specified");
    }
    if (hasFile) {
      checkFile("playbook_file", "playbook_file", config.playbookFile(), check);
    }
    checkEach("playbook_files", config.playbookFiles(), false, check);
    if (!empty(config.inventoryFile())) {
      checkFile("inventory_file", "inventory_file", config.inventoryFile(), check);
    }
    if (!empty(config.galaxyFile())) {
      checkFile("galaxy_file", "galaxy_file", config.galaxyFile(), check);
    }
    if (!empty(config.playbookDir())) {
      checkDir("playbook_dir", "playbook_dir", config.playbookDir(), check);
    }
    if (!empty(config.groupVars())) {
      checkDir("group_vars", "group_vars", config.groupVars(), check);
    }
    if (!empty(config.hostVars())) {
      checkDir("host_vars", "host_vars", config.hostVars(), check);
    }
    checkEach("playbook_paths", config.playbookPaths(), true, check);
    checkEach("role_paths", config.rolePaths(), true, check);
  }

  private static void checkEach(
      String key, List<String> paths, boolean directories, ConfigCheck check) {
    List<String> all = orEmpty(paths);
    for (int i = 0; i < all.size(); i++) {
      if (directories) {
        checkDir(key, key + "/" + i, all.get(i), check);
      } else {
        checkFile(key, key + "/" + i, all.get(i), check);
      }
    }
  }

  @Override
  public Provisioner create(AnsibleLocalConfig config) {
    return new AnsibleLocalProvisioner(config);
  }
}
