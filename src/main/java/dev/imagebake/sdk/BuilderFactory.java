package dev.imagebake.sdk;

/** Makes {@link Builder}s of one type. */
public interface BuilderFactory<C extends Record> extends PluginFactory<C> {
  /** Creates the builder for one build from its checked configuration. */
  Builder create(C config);
}
