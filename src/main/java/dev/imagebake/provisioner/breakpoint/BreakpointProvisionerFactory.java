package dev.imagebake.provisioner.breakpoint;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;

/** The {@code breakpoint} provisioner: pauses the build until Enter is pressed. */
public final class BreakpointProvisionerFactory implements ProvisionerFactory<BreakpointConfig> {
  public BreakpointProvisionerFactory() {}

  @Override
  public String type() {
    return "breakpoint";
  }

  @Override
  public Class<BreakpointConfig> configType() {
    return BreakpointConfig.class;
  }

  @Override
  public Provisioner create(BreakpointConfig config) {
    return new BreakpointProvisioner(config);
  }

  /** Runs on this machine only. */
  @Override
  public boolean needsCommunicator() {
    return false;
  }
}
