package org.example.hello;

import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/** The {@code hello-say} provisioner, listed in {@code META-INF/services}. */
public final class HelloSayProvisionerFactory implements ProvisionerFactory<HelloSayConfig> {
  public HelloSayProvisionerFactory() {}

  @Override
  public String type() {
    return "hello-say";
  }

  @Override
  public Class<HelloSayConfig> configType() {
    return HelloSayConfig.class;
  }

  @Override
  public void check(HelloSayConfig config, ConfigCheck check) {
    if (config.message() == null || config.message().isBlank()) {
      check.error("message", "message is required");
    }
  }

  @Override
  public Provisioner create(HelloSayConfig config) {
    // Says it through the build's UI, which prefixes the build name and masks secrets.
    return (ctx, comm, buildData) -> ctx.ui().say("hello-say: " + config.message());
  }
}
