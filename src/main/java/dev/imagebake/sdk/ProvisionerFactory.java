package dev.imagebake.sdk;

/** Makes {@link Provisioner}s of one type. */
public interface ProvisionerFactory<C extends Record> extends PluginFactory<C> {
  /** Creates the provisioner for one build from its checked configuration. */
  Provisioner create(C config);

  /**
   * Whether the provisioner works on the machine through the build's communicator (shell, file,
   * ...). Those that run only on this machine (shell-local, breakpoint, sleep) return false; with
   * {@code "communicator": "none"} validate refuses the others.
   */
  default boolean needsCommunicator() {
    return true;
  }
}
