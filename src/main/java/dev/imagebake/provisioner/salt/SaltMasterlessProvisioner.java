package dev.imagebake.provisioner.salt;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Packer's {@code salt-masterless} provisioner (reference §6.4) for unix machines: optionally
 * bootstraps Salt, uploads grains, minion config, state tree (with formulas) and pillar roots as
 * whole trees, moves them into place and runs {@code salt-call --local}.
 *
 * <p>Differences from Packer: a failing bootstrap fails the build; one {@code sudo} per command; an
 * existing remote tree is replaced, not nested into; uploads go to a private directory made with
 * {@code mktemp -d} (Packer used fixed names in the login directory) which is removed afterwards;
 * formulas are cloned into a local temporary directory, never into {@code local_state_tree}.
 */
final class SaltMasterlessProvisioner implements Provisioner {
  private final SaltMasterlessConfig config;
  private final SaltCommands commands;

  SaltMasterlessProvisioner(SaltMasterlessConfig config) {
    this.config = config;
    this.commands = new SaltCommands(config);
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    if (!config.osType().equals("unix")) {
      throw new SaltFailedException(
          "guest_os_type " + config.osType() + " is not supported by imagebake yet");
    }
    Ui ui = ctx.ui();
    ui.say("Provisioning with Salt...");
    Path formulaDir = null;
    String uploadDir = null;
    boolean createdTempDir = false;
    try {
      List<FetchedFormula> formulas = List.of();
      if (!config.formulaList().isEmpty()) {
        formulaDir = Files.createTempDirectory("imagebake-salt-formulas");
        formulas = fetchFormulas(ctx, formulaDir);
      }
      uploadDir = makeUploadDir(comm);
      if (config.bootstrap()) {
        bootstrap(ctx, comm, uploadDir);
      }
      ui.say("Creating remote temporary directory: " + config.tempDir());
      Collected made = collect(comm, commands.makeTempDir());
      if (made.status() != 0) {
        throw new SaltFailedException(
            "Error creating remote temporary directory: exit status "
                + made.status()
                + made.errors());
      }
      createdTempDir = made.stdout().contains("created");
      if (SaltMasterlessConfig.isSet(config.grainsFile())) {
        installFile(
            ctx, comm, uploadDir, config.grainsFile(), "grains", SaltMasterlessConfig.GRAINS_PATH);
      }
      if (SaltMasterlessConfig.isSet(config.minionConfig())) {
        installFile(
            ctx,
            comm,
            uploadDir,
            config.minionConfig(),
            "minion",
            SaltMasterlessConfig.MINION_CONFIG_PATH);
      }
      ui.say("Uploading local state tree: " + config.localStateTree());
      uploadTree(comm, uploadDir, "states", ctx.localPath(config.localStateTree()));
      uploadFormulas(ctx, comm, uploadDir, formulas);
      moveIntoPlace(ctx, comm, uploadDir, "states", config.stateTree());
      if (SaltMasterlessConfig.isSet(config.localPillarRoots())) {
        ui.say("Uploading local pillar roots: " + config.localPillarRoots());
        uploadTree(comm, uploadDir, "pillar", ctx.localPath(config.localPillarRoots()));
        moveIntoPlace(ctx, comm, uploadDir, "pillar", config.pillarRoots());
      }
      runSaltCall(ctx, comm);
      if (config.cleanAfter()) {
        ui.say("Removing " + config.stateTree() + " and " + config.pillarRoots());
        mustRun(ctx, comm, commands.removeTrees(), "Error removing the remote state tree");
      }
    } finally {
      // In reverse order of creation.
      if (createdTempDir) {
        removeQuietly(ctx, comm, commands.removeTempDir(), config.tempDir());
      }
      if (uploadDir != null) {
        removeQuietly(ctx, comm, SaltCommands.removeUploadDir(uploadDir), uploadDir);
      }
      if (formulaDir != null) {
        try {
          Formula.deleteTree(formulaDir);
        } catch (IOException e) {
          ui.error("Could not remove the local directory " + formulaDir + ": " + e.getMessage());
        }
      }
    }
  }

  /** A formula cloned locally, and where it goes in the state tree. */
  private record FetchedFormula(Formula formula, Path dir) {}

  private List<FetchedFormula> fetchFormulas(BuildContext ctx, Path into) throws IOException {
    Path tree = ctx.localPath(config.localStateTree());
    List<FetchedFormula> fetched = new ArrayList<>();
    int n = 0;
    for (String url : config.formulaList()) {
      Formula formula = Formula.parse(url);
      if (Files.exists(tree.resolve(formula.subdir()))) {
        // Packer does not download a formula whose directory the state tree already has.
        ctx.ui().message(url + ": " + formula.subdir() + " is in the local state tree, kept");
        continue;
      }
      ctx.ui().say("Downloading formula " + url);
      fetched.add(
          new FetchedFormula(formula, formula.fetch(into.resolve("f" + n++), ctx.cancellation())));
    }
    return fetched;
  }

  private void uploadFormulas(
      BuildContext ctx, Communicator comm, String uploadDir, List<FetchedFormula> formulas)
      throws Exception {
    if (formulas.isEmpty()) {
      return;
    }
    String states = SaltCommands.join(uploadDir, "states");
    String mkdirs =
        formulas.stream()
            .map(f -> SaltCommands.quote(SaltCommands.join(states, f.formula().subdir())))
            .collect(Collectors.joining(" ", "mkdir -p ", ""));
    mustRun(ctx, comm, mkdirs, "Error creating formula directories");
    for (FetchedFormula f : formulas) {
      ctx.ui().say("Uploading formula " + f.formula().subdir() + " into the state tree");
      uploadTree(comm, states, f.formula().subdir(), f.dir());
    }
  }

  /** What a command printed, kept instead of shown. */
  private record Collected(int status, List<String> stdout, List<String> stderr) {
    String errors() {
      return stderr.isEmpty() ? "" : ": " + String.join("; ", stderr);
    }
  }

  private static Collected collect(Communicator comm, String command) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    CommandResult r = comm.run(RemoteCommand.of(command), OutputSink.into(out, err));
    return new Collected(r.exitStatus(), out, err);
  }

  private String makeUploadDir(Communicator comm) throws Exception {
    Collected made = collect(comm, SaltCommands.makeUploadDir());
    List<String> out = made.stdout();
    if (made.status() != 0 || out.isEmpty() || out.get(out.size() - 1).isBlank()) {
      throw new SaltFailedException(
          "Error creating a remote upload directory with mktemp (exit status "
              + made.status()
              + ")"
              + made.errors());
    }
    return out.get(out.size() - 1);
  }

  /** Cleanup: a failure is reported, never thrown, so the build's own error stays the one shown. */
  private static void removeQuietly(
      BuildContext ctx, Communicator comm, String command, String dir) {
    try {
      Collected r = collect(comm, command);
      if (r.status() != 0) {
        ctx.ui().error("Could not remove the remote directory " + dir + r.errors());
      }
    } catch (IOException | RuntimeException e) {
      ctx.ui().error("Could not remove the remote directory " + dir + ": " + e.getMessage());
    }
  }

  private void bootstrap(BuildContext ctx, Communicator comm, String uploadDir) throws Exception {
    String script = SaltCommands.join(uploadDir, "install_salt.sh");
    ctx.ui().say("Downloading saltstack bootstrap to " + script);
    SaltOutput download = new SaltOutput(ctx.ui());
    CommandResult r = comm.run(RemoteCommand.of(SaltCommands.downloadBootstrap(script)), download);
    if (r.exitStatus() != 0) {
      throw new SaltFailedException(
          "Unable to download the Salt bootstrap script "
              + SaltCommands.BOOTSTRAP_URL
              + " on the machine (curl/wget exit status "
              + r.exitStatus()
              + (download.lastErrors().isEmpty() ? "" : ": " + download.lastErrors())
              + "). Give the machine access to it, or install Salt beforehand and set"
              + " skip_bootstrap.");
    }
    String install = commands.installBootstrap(script);
    ctx.ui().say("Installing Salt with command " + install);
    SaltOutput output = new SaltOutput(ctx.ui());
    CommandResult installed = comm.run(RemoteCommand.of(install), output);
    if (installed.exitStatus() != 0) {
      throw new SaltFailedException(
          "Salt bootstrap failed with exit status "
              + installed.exitStatus()
              + (output.lastErrors().isEmpty() ? "" : ": " + output.lastErrors())
              + " (its output is above)");
    }
  }

  /** Uploads the contents of {@code tree} into the existing remote {@code dir/name}. */
  private static void uploadTree(Communicator comm, String dir, String name, Path tree)
      throws IOException {
    String remote = SaltCommands.join(dir, name);
    try {
      comm.uploadDir(remote, tree, true);
    } catch (IOException e) {
      throw new IOException("Error uploading " + tree + " to " + remote + ": " + e.getMessage(), e);
    }
  }

  private void installFile(
      BuildContext ctx,
      Communicator comm,
      String uploadDir,
      String localPath,
      String name,
      String destination)
      throws Exception {
    Path file = ctx.localPath(localPath);
    ctx.ui().say("Uploading " + name + " file: " + localPath);
    try (InputStream in = Files.newInputStream(file)) {
      comm.upload(SaltCommands.join(uploadDir, name), in, Files.size(file), 0644);
    }
    moveIntoPlace(ctx, comm, uploadDir, name, destination);
  }

  private void moveIntoPlace(
      BuildContext ctx, Communicator comm, String uploadDir, String name, String destination)
      throws Exception {
    ctx.ui().say("Moving " + name + " to " + destination);
    mustRun(
        ctx,
        comm,
        commands.moveIntoPlace(uploadDir, name, destination),
        "Unable to move " + name + " to " + destination);
  }

  private void runSaltCall(BuildContext ctx, Communicator comm) throws Exception {
    String command = commands.runSaltCall();
    ctx.ui().say("Running: " + command);
    SaltOutput output = new SaltOutput(ctx.ui());
    CommandResult r = comm.run(RemoteCommand.of(command), output);
    int status = r.exitStatus();
    List<SaltOutput.FailedState> failed = output.failedStates();
    String failedText =
        failed.isEmpty()
            ? ""
            : ". Failed states: "
                + failed.stream().map(Object::toString).collect(Collectors.joining("; "));
    if (r.isDisconnected()) {
      throw new SaltFailedException("Error executing salt-call: the connection dropped");
    }
    // sudo reports a missing program with status 1 and "command not found".
    boolean notFound =
        status == 126
            || status == 127
            || (status != 0 && output.lastErrors().contains("command not found"));
    if (notFound) {
      // Not a Salt failure: salt-call is missing, so no_exit_on_failure does not apply.
      throw new SaltFailedException(
          commands.saltCall()
              + " could not be run (exit status "
              + status
              + (output.lastErrors().isEmpty() ? "" : ": " + output.lastErrors())
              + "). Install Salt (skip_bootstrap false) or point salt_bin_dir at it.");
    }
    if (status != 0) {
      if (config.exitOnFailure()) {
        throw new SaltFailedException(
            "Error executing salt-call: Bad exit status: " + status + failedText);
      }
      ctx.ui()
          .error(
              "salt-call exited with status "
                  + status
                  + "; ignored (no_exit_on_failure)"
                  + failedText);
    } else if (!failed.isEmpty() && !config.exitOnFailure()) {
      ctx.ui()
          .error(
              failed.size() + " Salt state(s) failed; ignored (no_exit_on_failure)" + failedText);
    }
  }

  private static void mustRun(BuildContext ctx, Communicator comm, String command, String what)
      throws Exception {
    ctx.cancellation().throwIfCancelled();
    SaltOutput output = new SaltOutput(ctx.ui());
    CommandResult r = comm.run(RemoteCommand.of(command), output);
    if (r.exitStatus() != 0) {
      throw new SaltFailedException(
          what
              + ": exit status "
              + r.exitStatus()
              + (output.lastErrors().isEmpty() ? "" : ": " + output.lastErrors()));
    }
  }
}
