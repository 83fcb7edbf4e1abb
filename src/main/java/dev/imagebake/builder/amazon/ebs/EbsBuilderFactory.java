package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.builder.amazon.common.AwsTuning;
import dev.imagebake.builder.amazon.common.ConfigRules;
import dev.imagebake.builder.amazon.common.ResourceNames;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.util.function.UnaryOperator;

/** {@code "type": "amazon-ebs"}. Checks every rule offline; nothing calls AWS before a build. */
public final class EbsBuilderFactory implements BuilderFactory<EbsConfig> {

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
    ConfigRules.checkAccess(config.access(), config.ami().amiRegions(), check);
    ConfigRules.checkAmi(config.ami(), config.run(), check);
    ConfigRules.checkRun(config.run(), config.comm(), check);
  }

  /** Amazon's {@code clean_resource_name}, for {@code ami_name} and friends. */
  @Override
  public UnaryOperator<String> cleanResourceName() {
    return ResourceNames::clean;
  }

  @Override
  public Builder create(EbsConfig config) {
    return new EbsBuilder(config, AwsTuning.standard());
  }
}
