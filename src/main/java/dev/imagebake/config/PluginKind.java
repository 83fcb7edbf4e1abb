package dev.imagebake.config;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of plugin: the three a template names in blocks of their own by {@code type}, and the
 * communicator a builder block names by its {@code communicator} key.
 */
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
  /** Its keys live in the builder block ({@code ssh_host}, ...), so it has no block of its own. */
  COMMUNICATOR("communicator", CommunicatorFactory.class, Set.of());

  /**
   * The kinds with blocks of their own, whose factories are {@link PluginFactory}s with a config
   * record (and so a schema).
   */
  public static final List<PluginKind> BLOCKS = List.of(BUILDER, PROVISIONER, POST_PROCESSOR);

  private final String noun;
  private final Class<?> factoryType;
  private final Set<String> coreKeys;

  PluginKind(String noun, Class<?> factoryType, Set<String> coreKeys) {
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

  /**
   * The factory interface plugins of this kind implement, and that {@link java.util.ServiceLoader}
   * looks up: {@code META-INF/services/} followed by its name lists them.
   */
  public Class<?> factoryType() {
    return factoryType;
  }

  /** The kind a user names by {@code noun}, e.g. {@code post-processor}. */
  public static Optional<PluginKind> named(String noun) {
    for (PluginKind k : values()) {
      if (k.noun.equals(noun)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The type a factory of this kind claims. */
  String typeOf(Object factory) {
    return this == COMMUNICATOR
        ? ((CommunicatorFactory) factory).type()
        : ((PluginFactory<?>) factory).type();
  }
}
