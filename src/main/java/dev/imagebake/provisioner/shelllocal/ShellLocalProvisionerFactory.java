package dev.imagebake.provisioner.shelllocal;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.shelllocal.ShellLocalChecks;
import dev.imagebake.sdk.shelllocal.ShellLocalConfig;
import dev.imagebake.sdk.shelllocal.ShellLocalRunner;

/** The {@code shell-local} provisioner: the SDK's shell-local run, once, at its place. */
public final class ShellLocalProvisionerFactory implements ProvisionerFactory<ShellLocalConfig> {
  public ShellLocalProvisionerFactory() {}

  @Override
  public String type() {
    return "shell-local";
  }

  @Override
  public Class<ShellLocalConfig> configType() {
    return ShellLocalConfig.class;
  }

  @Override
  public void check(ShellLocalConfig config, ConfigCheck check) {
    ShellLocalChecks.check(config, check);
  }

  @Override
  public Provisioner create(ShellLocalConfig config) {
    ShellLocalRunner runner = new ShellLocalRunner(config);
    return (ctx, comm, buildData) -> runner.run(ctx, buildData);
  }

  /** Runs on this machine only. */
  @Override
  public boolean needsCommunicator() {
    return false;
  }
}
