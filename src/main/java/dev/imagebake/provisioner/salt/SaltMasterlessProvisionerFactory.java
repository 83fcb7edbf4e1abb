package dev.imagebake.provisioner.salt;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The {@code salt-masterless} provisioner: Packer's {@code Prepare} rules and messages. */
public final class SaltMasterlessProvisionerFactory
    implements ProvisionerFactory<SaltMasterlessConfig> {
  /** Salt's log levels (salt/_logging); salt-call refuses others. */
  static final Set<String> LOG_LEVELS =
      Set.of(
          "all",
          "garbage",
          "trace",
          "debug",
          "profile",
          "info",
          "warning",
          "warn",
          "error",
          "critical",
          "quiet");

  public SaltMasterlessProvisionerFactory() {}

  @Override
  public String type() {
    return "salt-masterless";
  }

  @Override
  public Class<SaltMasterlessConfig> configType() {
    return SaltMasterlessConfig.class;
  }

  @Override
  public void check(SaltMasterlessConfig config, ConfigCheck check) {
    String os = config.osType();
    if (!os.equals("unix") && !os.equals("windows")) {
      check.error("guest_os_type", "Invalid guest_os_type: \"" + config.guestOsType() + "\"");
    } else if (os.equals("windows")) {
      check.error(
          "guest_os_type",
          "guest_os_type windows is not supported by imagebake yet (salt-masterless runs on unix"
              + " machines only)");
    }
    checkDir(config.localStateTree(), "local_state_tree", true, check);
    checkDir(config.localPillarRoots(), "local_pillar_roots", false, check);
    checkFile(config.minionConfig(), "minion_config", check);
    if (SaltMasterlessConfig.isSet(config.minionConfig())) {
      for (String key : List.of("remote_state_tree", "remote_pillar_roots")) {
        String value =
            key.equals("remote_state_tree") ? config.remoteStateTree() : config.remotePillarRoots();
        if (SaltMasterlessConfig.isSet(value)) {
          check.error(
              key,
              "remote_state_tree and remote_pillar_roots only apply when minion_config is not used");
        }
      }
    }
    checkFile(config.grainsFile(), "grains_file", check);
    checkRemote(config.stateTree(), "remote_state_tree", check);
    checkRemote(config.pillarRoots(), "remote_pillar_roots", check);
    checkRemote(config.tempDir(), "temp_config_dir", check);
    if (!LOG_LEVELS.contains(config.level())) {
      check.warn(
          "log_level",
          "log_level '"
              + config.level()
              + "' is not one of Salt's levels "
              + LOG_LEVELS.stream().sorted().toList()
              + "; salt-call will refuse it");
    }
    checkFormulas(config.formulaList(), check);
  }

  /** Packer's {@code validateDirConfig}, with its messages. */
  private static void checkDir(String path, String key, boolean required, ConfigCheck check) {
    if (!SaltMasterlessConfig.isSet(path)) {
      if (required) {
        check.error(key, key + " cannot be empty");
      }
      return;
    }
    Path p = check.resolve(path);
    if (!Files.exists(p)) {
      check.error(
          key, key + ": " + path + " is invalid: stat " + path + ": no such file or directory");
    } else if (!Files.isDirectory(p)) {
      check.error(key, key + ": " + path + " must point to a directory");
    }
  }

  /** Packer's {@code validateFileConfig}, with its messages. */
  private static void checkFile(String path, String key, ConfigCheck check) {
    if (!SaltMasterlessConfig.isSet(path)) {
      return;
    }
    Path p = check.resolve(path);
    if (!Files.exists(p)) {
      check.error(
          key, key + ": " + path + " is invalid: stat " + path + ": no such file or directory");
    } else if (Files.isDirectory(p)) {
      check.error(key, key + ": " + path + " must point to a file");
    }
  }

  /** The remote trees are replaced with {@code rm -rf}: never let that be the root. */
  private static void checkRemote(String path, String key, ConfigCheck check) {
    if (SaltCommands.stripTrailingSlashes(path).equals("/")) {
      check.error(key, key + " must not be /: the provisioner replaces that directory");
    }
  }

  private static void checkFormulas(List<String> formulas, ConfigCheck check) {
    for (int i = 0; i < formulas.size(); i++) {
      try {
        Formula.parse(formulas.get(i) == null ? "" : formulas.get(i));
      } catch (IllegalArgumentException e) {
        check.error("formulas/" + i, e.getMessage());
      }
    }
    if (!formulas.isEmpty() && !onPath("git", check)) {
      check.error("formulas", "formulas are fetched with git, which is not on this machine's PATH");
    }
  }

  private static boolean onPath(String program, ConfigCheck check) {
    String path = check.environment("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Provisioner create(SaltMasterlessConfig config) {
    return new SaltMasterlessProvisioner(config);
  }
}
