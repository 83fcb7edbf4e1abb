package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.util.List;

/** The {@code ansible} provisioner's keys (Packer 1.6.6). Null means "not set". */
@Doc(
    "Runs the local ansible-playbook against the machine being built, through a local SSH proxy"
        + " that carries Ansible's commands and file transfers over the build's communicator.")
public record AnsibleConfig(
    @Doc("The playbook to run (required).") String playbookFile,
    @Doc("The program run as ansible-playbook (default ansible-playbook); no shell is involved.")
        String command,
    @Doc("Extra ansible-playbook arguments, passed as they are (no shell: do not quote them).")
        List<String> extraArguments,
    @Doc("NAME=value environment variables for ansible-playbook.") List<String> ansibleEnvVars,
    @Doc("Passed as --ssh-extra-args (joined) instead of the default '-o IdentitiesOnly=yes'.")
        List<String> ansibleSshExtraArgs,
    @Doc("Inventory groups the host is put in.") List<String> groups,
    @Doc("Inventory groups listed empty.") List<String> emptyGroups,
    @Doc("The host's name in the generated inventory (default default).") String hostAlias,
    @Doc(
            "ansible_user (default: the user running imagebake; without the proxy, the"
                + " communicator's user).")
        String user,
    @Doc("First port the proxy tries (then the next nine); default a port the system" + " chooses.")
        Integer localPort,
    @Doc("Private host key of the proxy (default: a key generated for the run).")
        String sshHostKeyFile,
    @Doc("Public key Ansible must log in to the proxy with (default: a key pair made per run).")
        String sshAuthorizedKeyFile,
    @Doc("Command run on the machine for Ansible's SFTP (default /usr/lib/sftp-server -e).")
        String sftpCommand,
    @Doc("Do not run '<command> --version' at validation.") Boolean skipVersionCheck,
    @Doc("Let Ansible transfer files with SFTP instead of scp.") Boolean useSftp,
    @Doc("Directory of the generated inventory file (default: the system's temporary directory).")
        String inventoryDirectory,
    @Doc(
            "Line template of the generated inventory (default \"{{ .HostAlias }} ansible_host={{"
                + " .Host }} ansible_user={{ .User }} ansible_port={{ .Port }}\\n\").")
        @RenderLater
        String inventoryFileTemplate,
    @Doc("An inventory file to use instead of the generated one.") String inventoryFile,
    @Doc("Keep the generated inventory file.") Boolean keepInventoryFile,
    @Doc("A requirements file installed with galaxy_command before the playbook runs.")
        String galaxyFile,
    @Doc("The program installing galaxy_file (default ansible-galaxy).") String galaxyCommand,
    @Doc("Pass -f to ansible-galaxy (overwrite installed roles and collections).")
        Boolean galaxyForceInstall,
    @Doc("Where ansible-galaxy installs roles (-p).") String rolesPath,
    @Doc("Where ansible-galaxy installs collections (-p).") String collectionsPath,
    @Doc(
            "Run Ansible through the local SSH proxy (default true); false connects Ansible"
                + " directly to the machine with the SSH communicator's address and key.")
        Boolean useProxy) {

  static final String DEFAULT_COMMAND = "ansible-playbook";
  static final String DEFAULT_GALAXY_COMMAND = "ansible-galaxy";
  static final String DEFAULT_SFTP_COMMAND = "/usr/lib/sftp-server -e";
  static final String DEFAULT_INVENTORY_LINE =
      "{{ .HostAlias }} ansible_host={{ .Host }} ansible_user={{ .User }} ansible_port={{ .Port"
          + " }}\n";

  String commandOrDefault() {
    return empty(command) ? DEFAULT_COMMAND : command;
  }

  String galaxyCommandOrDefault() {
    return empty(galaxyCommand) ? DEFAULT_GALAXY_COMMAND : galaxyCommand;
  }

  String hostAliasOrDefault() {
    return empty(hostAlias) ? "default" : hostAlias;
  }

  String sftpCommandOrDefault() {
    return empty(sftpCommand) ? DEFAULT_SFTP_COMMAND : sftpCommand;
  }

  String inventoryLine() {
    return empty(inventoryFileTemplate) ? DEFAULT_INVENTORY_LINE : inventoryFileTemplate;
  }

  int port() {
    return localPort == null ? 0 : localPort;
  }

  boolean proxy() {
    return !Boolean.FALSE.equals(useProxy);
  }

  boolean sftp() {
    return Boolean.TRUE.equals(useSftp);
  }

  /**
   * Packer's {@code ansible_env_vars} after Prepare: the template's, then {@code
   * ANSIBLE_HOST_KEY_CHECKING=False} without a host key file and {@code ANSIBLE_SCP_IF_SSH=True}
   * without SFTP.
   */
  List<String> envVars() {
    List<String> all = new java.util.ArrayList<>(orEmpty(ansibleEnvVars));
    if (empty(sshHostKeyFile)) {
      all.add("ANSIBLE_HOST_KEY_CHECKING=False");
    }
    if (!sftp()) {
      all.add("ANSIBLE_SCP_IF_SSH=True");
    }
    return all;
  }

  static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
