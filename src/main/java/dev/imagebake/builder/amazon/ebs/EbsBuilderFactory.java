package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.builder.amazon.common.AwsTuning;
import dev.imagebake.builder.amazon.common.ConfigRules;
import dev.imagebake.config.CommunicatorChecks;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/** {@code "type": "amazon-ebs"}. Checks every rule offline; nothing calls AWS before a build. */
public final class EbsBuilderFactory implements BuilderFactory<EbsConfig> {
  private final CommunicatorChecks communicatorChecks = CommunicatorChecks.withSystemEnvironment();

  @Override
  public String type() {
    return "amazon-ebs";
  }

  @Override
  public Class<EbsConfig> configType() {
    return EbsConfig.class;
  }

  @Override
  public void check(EbsConfig config, ConfigCheck check) {
    communicatorChecks.check(config.comm(), check);
    ConfigRules.checkAccess(config.access(), config.ami().amiRegions(), check);
    ConfigRules.checkAmi(config.ami(), config.run(), check);
    ConfigRules.checkRun(config.run(), config.comm(), check);
  }

  @Override
  public Builder create(EbsConfig config) {
    return new EbsBuilder(config, AwsTuning.standard());
  }
}
