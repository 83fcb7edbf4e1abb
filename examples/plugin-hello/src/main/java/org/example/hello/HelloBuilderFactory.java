package org.example.hello;

import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;

/**
 * The {@code hello} builder, found by imagebake through {@code
 * META-INF/services/dev.imagebake.sdk.BuilderFactory}. Public, with a public no-argument
 * constructor, and no side effect before {@link #create}.
 */
public final class HelloBuilderFactory implements BuilderFactory<HelloConfig> {
  public HelloBuilderFactory() {}

  @Override
  public String type() {
    return "hello";
  }

  @Override
  public Class<HelloConfig> configType() {
    return HelloConfig.class;
  }

  /** The rules a JSON Schema cannot say; {@code validate} reports them with file:line:col. */
  @Override
  public void check(HelloConfig config, ConfigCheck check) {
    if (config.output() == null || config.output().isEmpty()) {
      check.error("output", "output is required");
    }
    if (config.times() != null && (config.times() < 1 || config.times() > 100)) {
      check.error("times", "times must be between 1 and 100, not " + config.times());
    }
  }

  @Override
  public Builder create(HelloConfig config) {
    return new HelloBuilder(config);
  }
}
