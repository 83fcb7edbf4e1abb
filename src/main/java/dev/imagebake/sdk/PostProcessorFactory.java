package dev.imagebake.sdk;

/** Makes {@link PostProcessor}s of one type. */
public interface PostProcessorFactory<C extends Record> extends PluginFactory<C> {
  /** Creates the post-processor for one build from its checked configuration. */
  PostProcessor create(C config);
}
