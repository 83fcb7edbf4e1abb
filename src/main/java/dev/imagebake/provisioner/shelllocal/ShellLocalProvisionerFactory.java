package dev.imagebake.provisioner.shelllocal;

import dev.imagebake.provisioner.shell.EnvVars;
import dev.imagebake.provisioner.shell.ScriptFiles;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.util.List;

/**
 * The {@code shell-local} provisioner. Its {@link #check} is also the {@code shell-local}
 * post-processor's, which shares the keys.
 */
public final class ShellLocalProvisionerFactory implements ProvisionerFactory<ShellLocalConfig> {
  static final String TOO_MANY =
      "You may only specify one of the following options: Command, Inline, Script or Scripts."
          + " Please consolidate these options in your config.";

  public ShellLocalProvisionerFactory() {}

  @Override
  public String type() {
    return "shell-local";
  }

  @Override
  public Class<ShellLocalConfig> configType() {
    return ShellLocalConfig.class;
  }

  /** Packer's {@code shell_local.Validate}, in its order and wording. */
  @Override
  public void check(ShellLocalConfig config, ConfigCheck check) {
    boolean hasCommand = notEmpty(config.command());
    boolean hasInline = config.inline() != null && !config.inline().isEmpty();
    boolean hasScript = notEmpty(config.script());
    boolean hasScripts = config.scripts() != null && !config.scripts().isEmpty();
    if (!hasCommand && !hasInline && !hasScript && !hasScripts) {
      check.error("Command, Inline, Script and Scripts options cannot all be empty.");
    }
    if (hasCommand) {
      if (hasInline || hasScripts || hasScript) {
        check.error(TOO_MANY);
      } else {
        hasInline = true;
      }
    }
    List<String> scripts = hasScripts ? config.scripts() : List.of();
    if (hasScript) {
      if (hasScripts || hasInline) {
        check.error(TOO_MANY);
      } else {
        scripts = List.of(config.script());
      }
    }
    if (!scripts.isEmpty() && hasInline) {
      check.error(TOO_MANY);
    }
    ScriptFiles.checkExist(hasScript ? "script" : "scripts", scripts, check);
    if (config.onlyOn() != null) {
      for (String os : config.onlyOn()) {
        if (Goos.parse(os) == null) {
          check.error(
              "only_on",
              "Invalid OS specified in only_on: '"
                  + os
                  + "' Supported OS names: "
                  + Goos.SUPPORTED);
        }
      }
    }
    if (config.linuxPathing()) {
      for (String script : scripts) {
        try {
          LinuxPaths.convert(check.resolve(script).toAbsolutePath().toString());
        } catch (IllegalArgumentException e) {
          check.error("use_linux_pathing", e.getMessage());
        }
      }
      if (hasInline) {
        check.error(
            "use_linux_pathing",
            "Packer is unable to use the Command and Inline features with the Windows Linux"
                + " Subsystem. Please use the Script or Scripts options instead");
      }
    }
    EnvVars.check(config.environmentVars(), check);
  }

  @Override
  public Provisioner create(ShellLocalConfig config) {
    ShellLocalRunner runner = new ShellLocalRunner(config);
    return (ctx, comm, buildData) -> runner.run(ctx, buildData);
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  /** Runs on this machine only. */
  @Override
  public boolean needsCommunicator() {
    return false;
  }
}
