package dev.imagebake.sdk.shelllocal;

import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.shell.EnvVars;
import dev.imagebake.sdk.shell.ScriptFiles;
import java.util.List;

/**
 * The checks of the {@code shell-local} keys, shared by the {@code shell-local} provisioner and
 * post-processor (Packer's {@code shell-local} package of its plugin SDK).
 */
public final class ShellLocalChecks {
  static final String TOO_MANY =
      "You may only specify one of the following options: Command, Inline, Script or Scripts."
          + " Please consolidate these options in your config.";

  private ShellLocalChecks() {}

  /** Packer's {@code shell_local.Validate}, in its order and wording. */
  public static void check(ShellLocalConfig config, ConfigCheck check) {
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

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
