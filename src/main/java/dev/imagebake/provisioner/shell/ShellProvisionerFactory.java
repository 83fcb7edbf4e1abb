package dev.imagebake.provisioner.shell;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.shell.EnvVars;
import dev.imagebake.sdk.shell.ScriptFiles;
import java.util.List;

/** The {@code shell} provisioner: scripts run on the machine through its communicator. */
public final class ShellProvisionerFactory implements ProvisionerFactory<ShellConfig> {
  public ShellProvisionerFactory() {}

  @Override
  public String type() {
    return "shell";
  }

  @Override
  public Class<ShellConfig> configType() {
    return ShellConfig.class;
  }

  /** Packer's {@code Prepare} rules, in its order and wording. */
  @Override
  public void check(ShellConfig config, ConfigCheck check) {
    boolean hasScript = config.script() != null && !config.script().isEmpty();
    boolean hasScripts = config.scripts() != null && !config.scripts().isEmpty();
    if (hasScript && hasScripts) {
      check.error("script", "Only one of script or scripts can be specified.");
    }
    List<String> scripts = config.scriptList();
    if (scripts.isEmpty() && config.inlineOrNull() == null) {
      check.error("Either a script file or inline script must be specified.");
    } else if (!scripts.isEmpty() && config.inlineOrNull() != null) {
      check.error("Only a script file or an inline script can be specified, not both.");
    }
    ScriptFiles.checkExist(hasScript ? "script" : "scripts", scripts, check);
    EnvVars.check(config.environmentVars(), check);
  }

  @Override
  public Provisioner create(ShellConfig config) {
    return new ShellProvisioner(config);
  }
}
