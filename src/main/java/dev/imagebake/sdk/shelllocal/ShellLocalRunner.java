package dev.imagebake.sdk.shelllocal;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.shell.EnvVars;
import dev.imagebake.sdk.shell.InlineScript;
import dev.imagebake.sdk.shell.ScriptFailedException;
import dev.imagebake.sdk.shell.ScriptRendering;
import dev.imagebake.sdk.shell.ValidExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the {@code shell-local} provisioner and post-processor both do (Packer's {@code
 * shell_local.Run}): write the inline script, build the variables, and run the execute command's
 * argv once per script in the working directory.
 */
public final class ShellLocalRunner {
  private final ShellLocalConfig config;
  private final Goos goos;

  public ShellLocalRunner(ShellLocalConfig config) {
    this(config, Goos.current());
  }

  ShellLocalRunner(ShellLocalConfig config, Goos goos) {
    this.config = config;
    this.goos = goos;
  }

  /**
   * Runs the scripts.
   *
   * @param buildData what {@code {{build `KEY`}}} resolves to in inline lines, variables and the
   *     execute command
   * @throws ScriptFailedException when a script could not run or exited with a code not allowed
   */
  public void run(BuildContext ctx, Map<String, String> buildData) throws Exception {
    Ui ui = ctx.ui();
    if (config.onlyOn() != null
        && !config.onlyOn().isEmpty()
        && !config.onlyOn().contains(goos.goName())) {
      ui.say("Skipping shell-local due to runtime OS");
      return;
    }
    Renderer renderer = ctx.renderer();
    Path inlineFile = null;
    try {
      List<String> scripts = new ArrayList<>();
      if (!config.scriptList().isEmpty()) {
        for (String script : config.scriptList()) {
          String absolute = ctx.workingDirectory().resolve(script).toAbsolutePath().toString();
          scripts.add(config.linuxPathing() ? LinuxPaths.convert(absolute) : absolute);
        }
      } else if (config.inlineOrNull() != null) {
        List<String> lines = new ArrayList<>();
        for (String line : config.inlineOrNull()) {
          lines.add(
              ScriptRendering.render(
                  renderer, line, buildData, Map.of(), "Error interpolating Inline: "));
        }
        inlineFile = writeInline(lines);
        scripts.add(inlineFile.toString());
      }
      List<String> userVars = new ArrayList<>();
      if (config.environmentVars() != null) {
        for (String kv : config.environmentVars()) {
          userVars.add(
              ScriptRendering.render(
                  renderer, kv, buildData, Map.of(), "Error interpolating environment_vars: "));
        }
      }
      // The variables go into the process environment, which only its owner can read; on the
      // command line (Packer's {{.Vars}}) every local user would see them in ps. So {{.Vars}}
      // stands for nothing, and an argument that is only {{.Vars}} is left out.
      Map<String, String> env =
          EnvVars.merged(EnvVars.withHttpAddr(ctx.scriptEnvironment(), buildData), userVars);
      for (String script : scripts) {
        List<String> argv = new ArrayList<>();
        for (String arg : config.argv(goos)) {
          if (arg.strip().equals("{{.Vars}}")) {
            continue;
          }
          argv.add(
              ScriptRendering.render(
                  renderer,
                  arg,
                  buildData,
                  Map.of("Vars", "", "Script", script, "Command", script),
                  "Error processing command: "));
        }
        ui.say("Running local shell script: " + script);
        int status;
        try {
          status =
              LocalProcess.run(
                  argv, env, ctx.workingDirectory(), OutputSink.of(ui), ctx.cancellation());
        } catch (IOException e) {
          throw new ScriptFailedException(
              "Error executing script: " + script + ": " + e.getMessage(), e);
        }
        ValidExitCodes.check(status, ValidExitCodes.orDefault(config.validExitCodes()));
      }
    } finally {
      if (inlineFile != null) {
        Files.deleteIfExists(inlineFile);
      }
    }
  }

  private Path writeInline(List<String> lines) throws IOException {
    Path file = InlineScript.write(config.shebang(goos), lines, config.extension(goos));
    if (goos != Goos.WINDOWS) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
    return file;
  }
}
