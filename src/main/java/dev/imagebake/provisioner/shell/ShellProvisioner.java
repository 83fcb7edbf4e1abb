package dev.imagebake.provisioner.shell;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.UnrecoverableConnectionException;
import dev.imagebake.sdk.UploadFailedException;
import dev.imagebake.sdk.go.GoDuration;
import dev.imagebake.sdk.shell.EnvVars;
import dev.imagebake.sdk.shell.InlineScript;
import dev.imagebake.sdk.shell.ScriptFailedException;
import dev.imagebake.sdk.shell.ScriptRendering;
import dev.imagebake.sdk.shell.ValidExitCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Packer's {@code shell} provisioner. Per script: one upload and one command (see {@link
 * RemoteScriptCommand}), in one round trip where the communicator can ({@link
 * Communicator#uploadAndRun}), retried until {@code start_retry_timeout} while they cannot be
 * started, which with the communicator's reconnect is how reboots are survived.
 */
final class ShellProvisioner implements Provisioner {
  /**
   * The mode a script is uploaded with: readable by its owner only, and settable without a remote
   * process ({@link RemoteScriptCommand} makes it executable).
   */
  static final int UPLOAD_MODE = 0600;

  static final String UNEXPECTED_DISCONNECT =
      "Script disconnected unexpectedly. If you expected your script to disconnect, i.e. from a"
          + " restart, you can try adding `\"expect_disconnect\": true` or `\"valid_exit_codes\":"
          + " [0, 2300218]` to the shell provisioner parameters.";

  private final ShellConfig config;
  private final String remotePath;
  private final String envVarFile;
  private final Duration retryDelay;

  ShellProvisioner(ShellConfig config) {
    this(config, Duration.ofSeconds(2));
  }

  /** With the pause between start attempts, short in tests. */
  ShellProvisioner(ShellConfig config, Duration retryDelay) {
    this.config = config;
    this.retryDelay = retryDelay;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String file =
        isEmpty(config.remoteFile())
            ? "script_" + random.nextInt(9999) + ".sh"
            : config.remoteFile();
    this.remotePath =
        isEmpty(config.remotePath()) ? config.folder() + "/" + file : config.remotePath();
    this.envVarFile =
        config.envVarFile() ? config.folder() + "/varfile_" + random.nextInt(9999) + ".sh" : "";
  }

  /** The remote path every script of this provisioner is uploaded to. */
  String remotePath() {
    return remotePath;
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    Ui ui = ctx.ui();
    Renderer renderer = ctx.renderer();
    Path inlineFile = null;
    try {
      List<LocalScript> scripts = new ArrayList<>();
      if (config.inlineOrNull() != null) {
        List<String> lines = new ArrayList<>();
        for (String line : config.inlineOrNull()) {
          lines.add(
              ScriptRendering.render(
                  renderer, line, buildData, Map.of(), "Error interpolating Inline: "));
        }
        String text = InlineScript.text(config.shebang(), lines);
        // Written as Packer writes it (its name is shown), but not read back.
        inlineFile = InlineScript.write(text, "");
        scripts.add(
            new LocalScript(
                inlineFile.toString(), inlineFile, text.getBytes(StandardCharsets.UTF_8)));
      } else {
        for (String script : config.scriptList()) {
          scripts.add(new LocalScript(script, ctx.workingDirectory().resolve(script), null));
        }
      }
      String vars = flattenedVars(ctx, buildData);
      boolean clean = !Boolean.TRUE.equals(config.skipClean());
      List<String> chmodFirst = List.of();
      if (config.envVarFile()) {
        uploadEnvVarFile(ctx.cancellation(), comm, vars);
        chmodFirst = List.of(envVarFile);
      }
      for (int i = 0; i < scripts.size(); i++) {
        boolean last = i == scripts.size() - 1;
        List<String> toRemove = new ArrayList<>();
        if (clean) {
          toRemove.add(remotePath);
          if (last && config.envVarFile()) {
            toRemove.add(envVarFile);
          }
        }
        runScript(ctx, comm, buildData, scripts.get(i), vars, chmodFirst, toRemove);
        chmodFirst = List.of();
      }
    } finally {
      if (inlineFile != null) {
        Files.deleteIfExists(inlineFile);
      }
    }
    Duration pause = config.pauseAfter();
    if (pause != null && !pause.isZero()) {
      ui.say("Pausing " + GoDuration.format(pause) + " after this provisioner...");
      ctx.cancellation().sleep(pause);
    }
  }

  private void runScript(
      BuildContext ctx,
      Communicator comm,
      Map<String, String> buildData,
      LocalScript script,
      String vars,
      List<String> chmodFirst,
      List<String> toRemove)
      throws Exception {
    ctx.ui().say("Provisioning with shell script: " + script.shown());
    byte[] content = script.content();
    if (content == null) {
      try {
        content = Files.readAllBytes(script.file());
      } catch (IOException e) {
        throw new ScriptFailedException("Error opening shell script: " + e.getMessage(), e);
      }
    }
    if (!Boolean.TRUE.equals(config.binary())) {
      content = toPosixLineEndings(content);
    }
    byte[] upload = content;
    String execute =
        ScriptRendering.render(
            ctx.renderer(),
            config.executeCommandOrDefault(),
            buildData,
            Map.of("Vars", vars, "Path", remotePath, "EnvVarFile", envVarFile),
            "Error processing command: ");
    RemoteCommand command =
        RemoteCommand.of(RemoteScriptCommand.of(chmodFirst, remotePath, execute, toRemove));
    OutputSink sink = OutputSink.of(ctx.ui());
    CommandResult result =
        retry(
            ctx.cancellation(),
            () -> {
              try {
                // Owner only, 0600 here and 0700 to run (Packer: 0755): inline lines and
                // environment_vars are rendered into it, secrets included, in a shared /tmp.
                return comm.uploadAndRun(remotePath, upload, UPLOAD_MODE, command, sink);
              } catch (UploadFailedException e) {
                throw new IOException("Error uploading script: " + e.getMessage(), e);
              }
            });
    if (result.isDisconnected()) {
      if (!Boolean.TRUE.equals(config.expectDisconnect())
          && !ValidExitCodes.orDefault(config.validExitCodes())
              .contains(CommandResult.DISCONNECTED)) {
        throw new ScriptFailedException(UNEXPECTED_DISCONNECT);
      }
      // The combined command never reached its cleanup.
      if (!toRemove.isEmpty()) {
        removeAfterDisconnect(ctx.cancellation(), comm, toRemove, sink);
      }
      return;
    }
    ValidExitCodes.check(result.exitStatus(), ValidExitCodes.orDefault(config.validExitCodes()));
  }

  private void removeAfterDisconnect(
      Cancellation cancellation, Communicator comm, List<String> files, OutputSink sink)
      throws Exception {
    CommandResult rm =
        retry(
            cancellation,
            () -> comm.run(RemoteCommand.of(RemoteScriptCommand.remove(files)), sink));
    if (rm.exitStatus() != 0) {
      throw new ScriptFailedException("Error removing temporary script at " + files.get(0) + "!");
    }
  }

  private void uploadEnvVarFile(Cancellation cancellation, Communicator comm, String vars)
      throws Exception {
    byte[] bytes = vars.getBytes(StandardCharsets.UTF_8);
    retry(
        cancellation,
        () -> {
          try {
            comm.upload(envVarFile, new ByteArrayInputStream(bytes), bytes.length, 0600);
          } catch (IOException e) {
            throw new IOException("Error uploading envVarFile: " + e.getMessage(), e);
          }
          return null;
        });
  }

  private String flattenedVars(BuildContext ctx, Map<String, String> buildData) {
    List<String> userVars = new ArrayList<>();
    if (config.environmentVars() != null) {
      for (String kv : config.environmentVars()) {
        userVars.add(
            ScriptRendering.render(
                ctx.renderer(), kv, buildData, Map.of(), "Error interpolating environment_vars: "));
      }
    }
    return EnvVars.flatten(
        EnvVars.withHttpAddr(ctx.scriptEnvironment(), buildData), userVars, config.envFormat());
  }

  /** Packer's {@code retry.Config{StartTimeout}}: retries while the deadline has not passed. */
  private <T> T retry(Cancellation cancellation, IoAction<T> action) throws ScriptFailedException {
    Duration timeout =
        config.retryTimeout().isZero() ? Duration.ofMinutes(5) : config.retryTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      cancellation.throwIfCancelled();
      try {
        return action.run();
      } catch (UnrecoverableConnectionException e) {
        // Another machine answers, or none ever can: waiting for a reboot to end cannot help.
        throw new ScriptFailedException(e.getMessage(), e);
      } catch (IOException e) {
        if (cancellation.isCancelled() || System.nanoTime() - deadline >= 0) {
          throw new ScriptFailedException(e.getMessage(), e);
        }
      }
      cancellation.sleep(retryDelay);
    }
  }

  /**
   * A script to upload: the path as the user wrote it (shown), the file and its content when
   * already known (inline scripts), else null: the file is read.
   */
  private record LocalScript(String shown, Path file, byte[] content) {}

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  /** Packer's {@code usePosixLineEndings}: every CRLF becomes LF. */
  static byte[] toPosixLineEndings(byte[] content) {
    byte[] out = new byte[content.length];
    int n = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
        continue;
      }
      out[n++] = content[i];
    }
    return n == content.length ? content : Arrays.copyOf(out, n);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
