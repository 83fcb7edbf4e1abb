package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.config.Doc;
import java.util.List;

/** The {@code ansible-local} provisioner's keys (reference §6.5). Null means "not set". */
@Doc(
    "Uploads Ansible playbooks, roles and variables to the machine and runs ansible-playbook there"
        + " with a local connection.")
public record AnsibleLocalConfig(
    @Doc("The local playbook to run; uploaded to the staging directory under its own name.")
        String playbookFile,
    @Doc(
            "Local playbooks to run in order (instead of playbook_file); each is uploaded to"
                + " <staging_directory>/<its absolute local path>.")
        List<String> playbookFiles,
    @Doc("A local directory whose whole contents are uploaded to the staging directory.")
        String playbookDir,
    @Doc("Local directories uploaded to <staging_directory>/playbooks/<directory name>.")
        List<String> playbookPaths,
    @Doc("Local role directories uploaded to <staging_directory>/roles/<directory name>.")
        List<String> rolePaths,
    @Doc("A local directory uploaded to <staging_directory>/group_vars.") String groupVars,
    @Doc("A local directory uploaded to <staging_directory>/host_vars.") String hostVars,
    @Doc(
            "A local inventory file to use (default: a generated one listing 127.0.0.1, in each of"
                + " inventory_groups).")
        String inventoryFile,
    @Doc("Groups 127.0.0.1 is put in by the generated inventory.") List<String> inventoryGroups,
    @Doc(
            "Extra ansible-playbook arguments, joined with spaces and not quoted (quote them"
                + " yourself, e.g. \"'key=some value'\").")
        List<String> extraArguments,
    @Doc("A local requirements file installed with galaxy_command before the playbooks run.")
        String galaxyFile,
    @Doc("The command installing galaxy_file (default ansible-galaxy).") String galaxyCommand,
    @Doc(
            "Remote directory everything is uploaded to (default"
                + " /tmp/packer-provisioner-ansible-local/<uuid>).")
        String stagingDirectory,
    @Doc("Remove the staging directory when the provisioner ends.") Boolean cleanStagingDirectory,
    @Doc(
            "The command running a playbook (default \"ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1"
                + " ansible-playbook\").")
        String command) {

  static final String DEFAULT_COMMAND = "ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook";
  static final String DEFAULT_GALAXY_COMMAND = "ansible-galaxy";
  static final String DEFAULT_STAGING_PARENT = "/tmp/packer-provisioner-ansible-local";

  String commandOrDefault() {
    return empty(command) ? DEFAULT_COMMAND : command;
  }

  String galaxyCommandOrDefault() {
    return empty(galaxyCommand) ? DEFAULT_GALAXY_COMMAND : galaxyCommand;
  }

  boolean cleanStaging() {
    return Boolean.TRUE.equals(cleanStagingDirectory);
  }

  static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
