package dev.imagebake.builder.qemu;

import dev.imagebake.config.CommunicatorChecks;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.util.function.UnaryOperator;

/** {@code "type": "qemu"} (Packer's {@code transcend.qemu}). */
public final class QemuBuilderFactory implements BuilderFactory<QemuConfig> {
  private final CommunicatorChecks communicatorChecks;
  private final QemuChecks checks;

  public QemuBuilderFactory() {
    this(System::getenv);
  }

  QemuBuilderFactory(UnaryOperator<String> env) {
    this.communicatorChecks = new CommunicatorChecks(env);
    this.checks = new QemuChecks(env);
  }

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
    communicatorChecks.check(config.comm(), check);
    checks.check(config, check);
  }

  @Override
  public Builder create(QemuConfig config) {
    return new QemuBuilder(config, Accelerators.probingHost(), System.getenv());
  }
}
