package dev.imagebake.sdk;

import java.util.function.UnaryOperator;

/** Makes {@link Builder}s of one type. */
public interface BuilderFactory<C extends Record> extends PluginFactory<C> {
  /** Creates the builder for one build from its checked configuration. */
  Builder create(C config);

  /**
   * The builder's {@code clean_resource_name} template function (Packer's builder-specific filter,
   * e.g. amazon's), usable in the builder block's template strings; null when the builder has none,
   * which makes the function undefined there, as in Packer.
   */
  default UnaryOperator<String> cleanResourceName() {
    return null;
  }
}
