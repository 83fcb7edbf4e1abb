package dev.imagebake.sdk;

import dev.imagebake.sdk.config.ConfigCheck;

/**
 * What {@link java.util.ServiceLoader} finds for each plugin type. Implementations are public, have
 * a public no-argument constructor, and have no side effects until {@code create}.
 *
 * @param <C> the configuration record; its components in snake_case are the JSON keys
 */
public interface PluginFactory<C extends Record> {
  /** The {@code type} users write, e.g. {@code shell}. */
  String type();

  /** The configuration record the block binds to. */
  Class<C> configType();

  /**
   * The plugin's cross-field rules (Packer's {@code Prepare} checks): required keys, mutually
   * exclusive keys, files that must exist. Runs on the bound block, also when some of its keys had
   * errors of their own: those are then null (as if absent), so no key may be assumed set.
   */
  default void check(C config, ConfigCheck check) {}
}
