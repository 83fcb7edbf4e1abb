package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/**
 * {@code "type": "openstack"}. Checks every rule offline with Packer's messages; unlike Packer's
 * Prepare, validate does not authenticate (no network before a build).
 */
public final class OpenstackBuilderFactory implements BuilderFactory<OpenstackConfig> {
  @Override
  public String type() {
    return "openstack";
  }

  @Override
  public Class<OpenstackConfig> configType() {
    return OpenstackConfig.class;
  }

  @Override
  public void check(OpenstackConfig config, ConfigCheck check) {
    OsConfigRules.checkAccess(config.access(), check);
    OsConfigRules.checkImage(config.image(), check);
    OsConfigRules.checkRun(config.run(), config.comm(), check);
  }

  @Override
  public Builder create(OpenstackConfig config) {
    return new OpenstackBuilder(config, OsTuning.standard());
  }
}
