package dev.imagebake.provisioner.ansible;

import static dev.imagebake.provisioner.ansible.AnsibleConfig.empty;
import static dev.imagebake.provisioner.ansible.PathChecks.checkDir;
import static dev.imagebake.provisioner.ansible.PathChecks.checkFile;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remote {@code ansible} provisioner: Packer 1.6.6's {@code Prepare} rules in its order and
 * wording, each at its key. Like Packer, validation runs {@code <command> --version} (unless {@code
 * skip_version_check}): a missing ansible-playbook is found before a machine is started.
 */
public final class AnsibleProvisionerFactory implements ProvisionerFactory<AnsibleConfig> {
  private static final Pattern VERSION = Pattern.compile("\\w (\\d+\\.\\d+[.\\d+]*)");

  public AnsibleProvisionerFactory() {}

  @Override
  public String type() {
    return "ansible";
  }

  @Override
  public Class<AnsibleConfig> configType() {
    return AnsibleConfig.class;
  }

  @Override
  public void check(AnsibleConfig config, ConfigCheck check) {
    if (empty(config.playbookFile())) {
      check.error("playbook_file", "playbook_file must be specified.");
    } else {
      checkFile("playbook_file", "playbook_file", config.playbookFile(), check);
    }
    if (!empty(config.galaxyFile())) {
      checkFile("galaxy_file", "galaxy_file", config.galaxyFile(), check);
    }
    if (!empty(config.sshAuthorizedKeyFile())) {
      checkFile(
          "ssh_authorized_key_file",
          "ssh_authorized_key_file",
          config.sshAuthorizedKeyFile(),
          check);
    }
    if (!empty(config.sshHostKeyFile())) {
      checkFile("ssh_host_key_file", "ssh_host_key_file", config.sshHostKeyFile(), check);
    }
    if (config.port() > 65535 || config.port() < 0) {
      // Packer checks the upper bound only; a negative port cannot be listened on either.
      check.error("local_port", "local_port: " + config.port() + " must be a valid port");
    }
    if (!empty(config.inventoryDirectory())) {
      checkDir("inventory_directory", "inventory_directory", config.inventoryDirectory(), check);
    }
    for (String env : AnsibleConfig.orEmpty(config.ansibleEnvVars())) {
      if (!env.contains("=")) {
        check.error(
            "ansible_env_vars", "ansible_env_vars: " + env + " is not of the form NAME=value");
      }
    }
    if (!Boolean.TRUE.equals(config.skipVersionCheck())) {
      versionError(config.commandOrDefault(), check)
          .ifPresent(message -> check.error("command", message));
    }
  }

  /** Packer's {@code getVersion}: runs {@code <command> --version} and finds a version in it. */
  static java.util.Optional<String> versionError(String command, ConfigCheck check) {
    String path = check.environment("PATH");
    String program = findProgram(command, path == null ? "" : path);
    if (program == null) {
      return java.util.Optional.of(
          "Error running \""
              + command
              + " --version\": exec: \""
              + command
              + "\": executable file not found in $PATH");
    }
    String out;
    try {
      Process p =
          new ProcessBuilder(program, "--version")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      if (status != 0) {
        return java.util.Optional.of(
            "Error running \"" + command + " --version\": exit status " + status);
      }
    } catch (IOException e) {
      return java.util.Optional.of(
          "Error running \"" + command + " --version\": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.of("Error running \"" + command + " --version\": interrupted");
    }
    Matcher m = VERSION.matcher(out);
    if (!m.find()) {
      return java.util.Optional.of("Could not find " + command + " version in output:\n" + out);
    }
    return java.util.Optional.empty();
  }

  /** Go's {@code exec.LookPath}: a name with a slash as it is, else the first match on PATH. */
  static String findProgram(String command, String path) {
    if (command.contains("/")) {
      return Files.isExecutable(Path.of(command)) ? command : null;
    }
    for (String dir : List.of(path.split(":"))) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  @Override
  public Provisioner create(AnsibleConfig config) {
    return new AnsibleProvisioner(config);
  }
}
