package dev.imagebake.provisioner.puppet;

import static dev.imagebake.provisioner.puppet.PuppetMasterlessConfig.isSet;
import static dev.imagebake.sdk.GuestCommands.join;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.GuestCommands;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Packer 1.6.6's {@code puppet-masterless} for unix machines: makes the staging directory, uploads
 * the hiera configuration, manifest directory, modules and manifest(s) into it, and runs {@code
 * puppet apply --detailed-exitcodes} with the rendered {@code execute_command}. Exit statuses 0 and
 * 2 ("changes were applied") are success, as in Packer.
 *
 * <p>Differences from Packer: a {@code puppet} that cannot be run (status 127) fails the build even
 * with {@code ignore_exit_codes}; {@code clean_staging_directory} also cleans up after a failed
 * run; an interrupt while Puppet runs stops it and removes the staging directory the provisioner
 * made (or any, with {@code clean_staging_directory}); facts are passed in name order.
 */
final class PuppetMasterlessProvisioner implements Provisioner {
  private final PuppetMasterlessConfig config;
  private final GuestCommands commands;

  PuppetMasterlessProvisioner(PuppetMasterlessConfig config) {
    this.config = config;
    this.commands = new GuestCommands(config.sudo());
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    if (!config.osType().equals("unix")) {
      throw new PuppetFailedException(
          "guest_os_type " + config.osType() + " is not supported by imagebake yet");
    }
    Ui ui = ctx.ui();
    String staging = config.staging();
    ui.say("Provisioning with Puppet...");
    ui.message("Creating Puppet staging directory...");
    ui.message("Creating directory: " + staging);
    List<String> made = new ArrayList<>();
    CommandResult created =
        comm.run(RemoteCommand.of(commands.createStagingDir(staging)), collectInto(ui, made));
    if (created.exitStatus() != 0) {
      throw new PuppetFailedException(
          "Error creating staging directory: Non-zero exit status. See output above for more"
              + " info.");
    }
    boolean ours = made.contains("created");
    boolean ran = false;
    try {
      String hiera = "";
      if (isSet(config.hieraConfigPath())) {
        ui.message("Uploading hiera configuration...");
        hiera = join(staging, "hiera.yaml");
        uploadFile(ctx, comm, hiera, config.hieraConfigPath(), "Error uploading hiera config");
      }
      String manifestDir = "";
      if (isSet(config.manifestDir())) {
        ui.message("Uploading manifest directory from: " + config.manifestDir());
        manifestDir = join(staging, "manifests");
        uploadDirectory(
            ctx, comm, manifestDir, config.manifestDir(), "Error uploading manifest dir");
      }
      List<String> modulePaths = new ArrayList<>();
      List<String> modules = config.modules();
      for (int i = 0; i < modules.size(); i++) {
        ui.message("Uploading local modules from: " + modules.get(i));
        String target = join(staging, "module-" + i);
        uploadDirectory(ctx, comm, target, modules.get(i), "Error uploading modules");
        modulePaths.add(target);
      }
      String manifestFile = uploadManifests(ctx, comm, staging);
      Map<String, Object> fields = new HashMap<>();
      fields.put("Debug", false);
      fields.put("ExtraArguments", "");
      fields.put("FacterVars", facterVars(facts(ctx)));
      fields.put("HieraConfigPath", hiera);
      fields.put("ManifestDir", manifestDir);
      fields.put("ManifestFile", manifestFile);
      fields.put("ModulePath", String.join(":", modulePaths));
      fields.put("ModulePathJoiner", ":");
      fields.put("PuppetBinDir", config.puppetBinDir() == null ? "" : config.puppetBinDir());
      fields.put("Sudo", config.sudo());
      fields.put("WorkingDir", config.workingDir());
      fields.put(
          "ExtraArguments",
          render(ctx, String.join(" ", config.extraArgs()), buildData, fields, "extra_arguments"));
      String command =
          render(ctx, config.executeCommandOrDefault(), buildData, fields, "execute_command");
      ui.message("Running Puppet: " + command);
      ran = true;
      runPuppet(ctx, comm, command, ours || config.cleanStaging() ? staging : null);
    } finally {
      // After an interrupt the communicator runs nothing more; the trap around puppet did it.
      if (config.cleanStaging() && (ran || ours) && !ctx.cancellation().isCancelled()) {
        removeStaging(ctx, comm, staging);
      }
    }
  }

  /** The facts: the template's, then Packer's two, which win as in Packer; by name. */
  private Map<String, String> facts(BuildContext ctx) {
    Map<String, String> facts = new TreeMap<>(config.facts());
    facts.put("packer_build_name", ctx.buildName());
    facts.put("packer_builder_type", ctx.builderType());
    return facts;
  }

  /**
   * Packer's {@code FacterVars}: {@code FACTER_name='value'} joined with blanks, in name order
   * (Packer's came in Go's random map order); a quote inside a value is escaped.
   */
  static String facterVars(Map<String, String> facts) {
    return facts.entrySet().stream()
        .map(e -> "FACTER_" + e.getKey() + "='" + e.getValue().replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  private String uploadManifests(BuildContext ctx, Communicator comm, String staging)
      throws Exception {
    Ui ui = ctx.ui();
    ui.message("Uploading manifests...");
    String remoteDir = join(staging, "manifests");
    ui.message("Creating directory: " + remoteDir);
    mustRun(
        ui,
        comm,
        commands.createDir(remoteDir),
        "Error uploading manifests: Error creating manifests directory");
    Path local = ctx.localPath(config.manifestFile());
    if (Files.isDirectory(local)) {
      ui.message("Uploading manifest directory from: " + config.manifestFile());
      uploadDirectory(ctx, comm, remoteDir, config.manifestFile(), "Error uploading manifests");
      return remoteDir;
    }
    ui.message("Uploading manifest file from: " + config.manifestFile());
    String remote = join(remoteDir, local.getFileName().toString());
    uploadFile(ctx, comm, remote, config.manifestFile(), "Error uploading manifests");
    return remote;
  }

  private void runPuppet(
      BuildContext ctx, Communicator comm, String command, String removeOnInterrupt)
      throws Exception {
    Ui ui = ctx.ui();
    List<String> errors = new ArrayList<>();
    OutputSink shown = OutputSink.of(ui);
    OutputSink sink =
        new OutputSink() {
          @Override
          public void stdout(String line) {
            shown.stdout(line);
          }

          @Override
          public void stderr(String line) {
            shown.stderr(line);
            errors.add(line);
          }
        };
    CommandResult r =
        comm.run(
            RemoteCommand.of(
                GuestCommands.stoppable(
                    command,
                    removeOnInterrupt == null ? null : commands.removeDir(removeOnInterrupt))),
            sink);
    int status = r.exitStatus();
    if (status == 0 || status == 2) {
      return;
    }
    boolean notFound =
        status == 126
            || status == 127
            || errors.stream().anyMatch(l -> l.contains("command not found"));
    if (notFound) {
      throw new PuppetFailedException(
          "Puppet could not be run (exit status "
              + status
              + "): install Puppet on the machine, or point puppet_bin_dir at it");
    }
    String why =
        r.isDisconnected()
            ? "Puppet did not finish: the connection dropped"
            : "Puppet exited with a non-zero exit status: " + status;
    if (!config.ignoreExit()) {
      throw new PuppetFailedException(why);
    }
    ui.error(why + "; ignored (ignore_exit_codes)");
  }

  /** Packer's {@code uploadDirectory}: the directory is made, then its contents go into it. */
  private void uploadDirectory(
      BuildContext ctx, Communicator comm, String remote, String localDir, String what)
      throws Exception {
    ctx.ui().message("Creating directory: " + remote);
    mustRun(ctx.ui(), comm, commands.createDir(remote), what);
    try {
      comm.uploadDir(remote, ctx.localPath(localDir), true);
    } catch (IOException e) {
      throw new PuppetFailedException(what + ": " + e.getMessage(), e);
    }
  }

  private static void uploadFile(
      BuildContext ctx, Communicator comm, String remote, String localFile, String what)
      throws Exception {
    Path file = ctx.localPath(localFile);
    try (InputStream in = Files.newInputStream(file)) {
      comm.upload(remote, in, Files.size(file), 0644);
    } catch (IOException e) {
      throw new PuppetFailedException(what + ": " + e.getMessage(), e);
    }
  }

  private void removeStaging(BuildContext ctx, Communicator comm, String staging) throws Exception {
    try {
      mustRun(ctx.ui(), comm, commands.removeDir(staging), "Error removing staging directory");
    } catch (PuppetFailedException | IOException | RuntimeException e) {
      // Not thrown: the build's own error (if any) stays the one shown.
      ctx.ui().error("Could not remove the staging directory " + staging + ": " + e.getMessage());
    }
  }

  private static String render(
      BuildContext ctx,
      String template,
      Map<String, String> buildData,
      Map<String, Object> fields,
      String key)
      throws PuppetFailedException {
    try {
      return ctx.renderer().render(template, buildData == null ? Map.of() : buildData, fields);
    } catch (IllegalArgumentException e) {
      throw new PuppetFailedException("Error rendering " + key + ": " + e.getMessage(), e);
    }
  }

  private static void mustRun(Ui ui, Communicator comm, String command, String what)
      throws Exception {
    CommandResult r = comm.run(RemoteCommand.of(command), OutputSink.of(ui));
    if (r.exitStatus() != 0) {
      throw new PuppetFailedException(
          what + ": Non-zero exit status. See output above for more info.");
    }
  }

  /** Shows stderr; collects stdout into {@code stdout} instead of showing it. */
  private static OutputSink collectInto(Ui ui, List<String> stdout) {
    return new OutputSink() {
      @Override
      public void stdout(String line) {
        stdout.add(line);
      }

      @Override
      public void stderr(String line) {
        ui.error(line);
      }
    };
  }
}
