package dev.imagebake.config;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.util.Set;

/** The kinds of plugin a template names: by {@code type}, communicators by {@code communicator}. */
public enum PluginKind {
  BUILDER("builder", BuilderFactory.class, Set.of("type", "name")),
  PROVISIONER(
      "provisioner",
      ProvisionerFactory.class,
      Set.of("type", "only", "except", "override", "pause_before", "max_retries", "timeout")),
  POST_PROCESSOR(
      "post-processor",
      PostProcessorFactory.class,
      Set.of("type", "name", "only", "except", "keep_input_artifact")),
  /**
   * Selected by a builder block's {@code communicator} key; its keys are flat in the builder block
   * (bound into the block's {@link dev.imagebake.sdk.CommunicatorConfig}).
   */
  COMMUNICATOR("communicator", CommunicatorFactory.class, Set.of());

  private final String noun;
  private final Class<? extends PluginFactory<?>> factoryType;
  private final Set<String> coreKeys;

  @SuppressWarnings({"unchecked", "rawtypes"})
  PluginKind(String noun, Class factoryType, Set<String> coreKeys) {
    this.noun = noun;
    this.factoryType = factoryType;
    this.coreKeys = coreKeys;
  }

  /**
   * The keys of a block the core consumes and removes before the plugin sees the block (Packer's
   * template parser does the same), e.g. {@code only} and {@code pause_before} on provisioners.
   */
  public Set<String> coreKeys() {
    return coreKeys;
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
