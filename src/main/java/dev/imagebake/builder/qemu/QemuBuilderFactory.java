package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/** {@code "type": "qemu"} (Packer's {@code transcend.qemu}). */
public final class QemuBuilderFactory implements BuilderFactory<QemuConfig> {
  private final QemuChecks checks = new QemuChecks();

  @Override
  public String type() {
    return "qemu";
  }

  @Override
  public Class<QemuConfig> configType() {
    return QemuConfig.class;
  }

  @Override
  public void check(QemuConfig config, ConfigCheck check) {
    checks.check(config, check);
  }

  @Override
  public Builder create(QemuConfig config) {
    return new QemuBuilder(config, Accelerators.probingHost());
  }
}
