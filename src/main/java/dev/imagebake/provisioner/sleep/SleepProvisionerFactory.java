package dev.imagebake.provisioner.sleep;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.go.GoDuration;

/**
 * The {@code sleep} provisioner. The binder already refuses what is not a Go duration, with Go's
 * message ({@code time: unknown unit "x" in duration "1x"}); Packer accepts a negative duration and
 * does not wait, which is kept but warned about, as it is most likely a typo.
 */
public final class SleepProvisionerFactory implements ProvisionerFactory<SleepConfig> {
  public SleepProvisionerFactory() {}

  @Override
  public String type() {
    return "sleep";
  }

  @Override
  public Class<SleepConfig> configType() {
    return SleepConfig.class;
  }

  @Override
  public void check(SleepConfig config, ConfigCheck check) {
    if (config.duration() != null && config.duration().isNegative()) {
      check.warn(
          "duration",
          "duration "
              + GoDuration.format(config.duration())
              + " is negative: the provisioner does not wait");
    }
  }

  @Override
  public Provisioner create(SleepConfig config) {
    return new SleepProvisioner(config);
  }

  /** Waits on this machine only. */
  @Override
  public boolean needsCommunicator() {
    return false;
  }
}
