package dev.imagebake.provisioner.ansible;

import static dev.imagebake.provisioner.ansible.AnsibleCommands.join;
import static dev.imagebake.provisioner.ansible.AnsibleLocalConfig.empty;
import static dev.imagebake.provisioner.ansible.AnsibleLocalConfig.orEmpty;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Packer's {@code ansible-local} provisioner (reference §6.5): uploads what the template names to
 * the staging directory, writes the inventory, optionally installs Galaxy requirements, then runs
 * each playbook on the machine with {@code -c local}, streaming its output.
 *
 * <p>Everything is uploaded in one tree transfer after one {@code mkdir -p} (see {@link
 * StagingTree}); Packer spends a {@code mkdir} and an upload per item.
 */
final class AnsibleLocalProvisioner implements Provisioner {
  /** What Packer passes as {@code packer_http_addr} when the builder serves no HTTP. */
  static final String HTTP_ADDR_NOT_IMPLEMENTED = "ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER";

  private final AnsibleLocalConfig config;
  private final String staging;
  private final String generatedInventory;

  AnsibleLocalProvisioner(AnsibleLocalConfig config) {
    this.config = config;
    this.staging =
        empty(config.stagingDirectory())
            ? AnsibleLocalConfig.DEFAULT_STAGING_PARENT + "/" + UUID.randomUUID()
            : config.stagingDirectory();
    this.generatedInventory =
        "packer-provisioner-ansible-local" + ThreadLocalRandom.current().nextInt(1 << 30);
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    Ui ui = ctx.ui();
    ui.say("Provisioning with Ansible...");
    List<String> extraArguments = orEmpty(config.extraArguments());
    EscapedSecrets.register(ctx, extraArguments);
    Path workDir = ctx.workingDirectory();
    Map<String, String> data = buildData == null ? Map.of() : buildData;
    ui.message(
        empty(config.playbookDir())
            ? "Creating Ansible staging directory..."
            : "Uploading Playbook directory to Ansible staging directory...");
    ui.message("Creating directory: " + staging);
    runOrFail(ui, comm, AnsibleCommands.mkdir(staging), "Error creating staging directory");
    boolean succeeded = false;
    try {
      List<String> playbooks;
      String inventory;
      try (StagingTree tree = StagingTree.create()) {
        playbooks = layOut(ctx, tree);
        inventory = layOutInventory(ctx, tree);
        upload(comm, tree);
      }
      if (!empty(config.galaxyFile())) {
        installGalaxyRequirements(ctx, comm);
      }
      String httpAddr = data.getOrDefault("PackerHTTPAddr", HTTP_ADDR_NOT_IMPLEMENTED);
      for (String playbook : playbooks) {
        String command =
            AnsibleCommands.playbook(
                staging,
                config.commandOrDefault(),
                playbook,
                ctx.buildName(),
                ctx.builderType(),
                httpAddr,
                extraArguments,
                inventory);
        runPlaybook(ctx, comm, playbook, command);
      }
      succeeded = true;
    } finally {
      if (config.cleanStaging()) {
        removeStaging(ctx, comm, succeeded);
      }
    }
  }

  private void upload(Communicator comm, StagingTree tree) throws AnsibleFailedException {
    try {
      comm.uploadDir(staging, tree.root(), true);
    } catch (IOException e) {
      throw new AnsibleFailedException(
          "Error uploading to the staging directory " + staging + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lays the playbooks, roles, variables and galaxy file into {@code tree} in Packer's upload
   * order; returns the remote paths of the playbooks to run, in order.
   */
  private List<String> layOut(BuildContext ctx, StagingTree tree) throws IOException {
    Ui ui = ctx.ui();
    Path playbookDir = null;
    if (!empty(config.playbookDir())) {
      playbookDir = ctx.localPath(config.playbookDir());
      tree.addContents(playbookDir);
    }
    List<String> playbooks = new ArrayList<>();
    if (!empty(config.playbookFile())) {
      ui.message("Uploading main Playbook file...");
      Path local = ctx.localPath(config.playbookFile());
      String name = local.getFileName().toString();
      tree.add(name, local);
      playbooks.add(join(staging, name));
    } else {
      for (String file : orEmpty(config.playbookFiles())) {
        Path local = ctx.localPath(file);
        if (playbookDir != null && local.startsWith(playbookDir)) {
          // Already uploaded with playbook_dir.
          playbooks.add(join(staging, playbookDir.relativize(local).toString()));
          continue;
        }
        ui.message("Uploading playbook file: " + local);
        tree.add(local.toString(), local);
        playbooks.add(join(staging, local.toString()));
      }
    }
    if (!empty(config.galaxyFile())) {
      ui.message("Uploading galaxy file...");
      Path local = ctx.localPath(config.galaxyFile());
      tree.add(local.getFileName().toString(), local);
    }
    return playbooks;
  }

  /** Lays the inventory and the variable, role and playbook directories; returns the inventory. */
  private String layOutInventory(BuildContext ctx, StagingTree tree) throws IOException {
    Ui ui = ctx.ui();
    String inventoryName;
    if (empty(config.inventoryFile())) {
      inventoryName = generatedInventory;
      tree.write(inventoryName, generatedInventoryText());
    } else {
      Path local = ctx.localPath(config.inventoryFile());
      inventoryName = local.getFileName().toString();
      tree.add(inventoryName, local);
    }
    ui.message("Uploading inventory file...");
    if (!empty(config.groupVars())) {
      ui.message("Uploading group_vars directory...");
      tree.add("group_vars", ctx.localPath(config.groupVars()));
    }
    if (!empty(config.hostVars())) {
      ui.message("Uploading host_vars directory...");
      tree.add("host_vars", ctx.localPath(config.hostVars()));
    }
    if (!orEmpty(config.rolePaths()).isEmpty()) {
      ui.message("Uploading role directories...");
      for (String role : config.rolePaths()) {
        Path local = ctx.localPath(role);
        tree.add("roles/" + local.getFileName(), local);
      }
    }
    if (!orEmpty(config.playbookPaths()).isEmpty()) {
      ui.message("Uploading additional Playbooks...");
      for (String dir : config.playbookPaths()) {
        Path local = ctx.localPath(dir);
        tree.add("playbooks/" + local.getFileName(), local);
      }
    }
    return join(staging, inventoryName);
  }

  /** Packer's generated inventory: {@code 127.0.0.1}, or that host in each inventory group. */
  private String generatedInventoryText() {
    List<String> groups = orEmpty(config.inventoryGroups());
    if (groups.isEmpty()) {
      return "127.0.0.1";
    }
    StringBuilder text = new StringBuilder();
    for (String group : groups) {
      text.append('[').append(group).append("]\n127.0.0.1\n");
    }
    return text.toString();
  }

  private void installGalaxyRequirements(BuildContext ctx, Communicator comm) throws Exception {
    String galaxyFile = join(staging, Path.of(config.galaxyFile()).getFileName().toString());
    String command =
        AnsibleCommands.galaxy(
            staging, config.galaxyCommandOrDefault(), galaxyFile, join(staging, "roles"));
    ctx.ui().message("Executing Ansible Galaxy: " + command);
    CommandResult result =
        comm.run(RemoteCommand.of(AnsibleCommands.stoppable(command)), OutputSink.of(ctx.ui()));
    if (result.exitStatus() != 0) {
      throw new AnsibleFailedException(
          "Error executing Ansible: Error executing Ansible Galaxy: Non-zero exit status: "
              + result.exitStatus());
    }
  }

  private void runPlaybook(BuildContext ctx, Communicator comm, String playbook, String command)
      throws Exception {
    ctx.ui().message("Executing Ansible: " + command);
    PlaybookOutput output = new PlaybookOutput(OutputSink.of(ctx.ui()));
    CommandResult result = comm.run(RemoteCommand.of(AnsibleCommands.stoppable(command)), output);
    int status = result.exitStatus();
    if (status == 0) {
      return;
    }
    if (status == 127) {
      throw new AnsibleFailedException(
          "Error executing Ansible: "
              + config.commandOrDefault()
              + " could not be found. Verify that it is available on the\n"
              + "PATH after connecting to the machine.");
    }
    String exit =
        result.isDisconnected()
            ? "the connection dropped before ansible-playbook ended"
            : "Non-zero exit status: " + status;
    String why =
        output
            .failure()
            .map(PlaybookOutput.Failure::describe)
            .or(output::error)
            .map(reason -> playbook + ": " + reason + " (" + exit + ")")
            .orElse(exit);
    throw new AnsibleFailedException("Error executing Ansible: " + why);
  }

  /**
   * {@code clean_staging_directory}. Packer removes the staging directory only after a successful
   * run; imagebake also removes it after a failed one, without hiding the failure.
   */
  private void removeStaging(BuildContext ctx, Communicator comm, boolean succeeded)
      throws Exception {
    Ui ui = ctx.ui();
    ui.message("Removing staging directory...");
    ui.message("Removing directory: " + staging);
    try {
      runOrFail(ui, comm, AnsibleCommands.remove(staging), "Error removing staging directory");
    } catch (Exception e) {
      if (succeeded) {
        throw e;
      }
      ui.error("Could not remove the staging directory " + staging + ": " + e.getMessage());
    }
  }

  /** Runs a housekeeping command; a non-zero exit fails with Packer's message. */
  private static void runOrFail(Ui ui, Communicator comm, String command, String what)
      throws Exception {
    CommandResult result = comm.run(RemoteCommand.of(command), OutputSink.of(ui));
    if (result.exitStatus() != 0) {
      throw new AnsibleFailedException(
          what + ": Non-zero exit status. See output above for more information.");
    }
  }
}
