package dev.imagebake.config;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;

/** The three kinds of plugin a template names by {@code type}. */
public enum PluginKind {
  BUILDER("builder", BuilderFactory.class),
  PROVISIONER("provisioner", ProvisionerFactory.class),
  POST_PROCESSOR("post-processor", PostProcessorFactory.class);

  private final String noun;
  private final Class<? extends PluginFactory<?>> factoryType;

  @SuppressWarnings({"unchecked", "rawtypes"})
  PluginKind(String noun, Class factoryType) {
    this.noun = noun;
    this.factoryType = factoryType;
  }

  /** How messages name the kind: {@code builder}, {@code post-processor}. */
  public String noun() {
    return noun;
  }

  /** The factory interface plugins of this kind implement. */
  public Class<? extends PluginFactory<?>> factoryType() {
    return factoryType;
  }
}
