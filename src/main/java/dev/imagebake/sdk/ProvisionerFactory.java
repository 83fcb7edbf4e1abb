package dev.imagebake.sdk;

/** Makes {@link Provisioner}s of one type. */
public interface ProvisionerFactory<C extends Record> extends PluginFactory<C> {
  /** Creates the provisioner for one build from its checked configuration. */
  Provisioner create(C config);
}
