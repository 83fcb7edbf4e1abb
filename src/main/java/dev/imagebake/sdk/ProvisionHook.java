package dev.imagebake.sdk;

import java.util.Map;

/** The template's provisioners for this build, as a builder sees them. */
public interface ProvisionHook {
  /**
   * Runs the provisioners in order against {@code comm}.
   *
   * @param buildData what {@code {{build `KEY`}}} resolves to (Host, Port, User, ID, ...)
   * @throws Exception the first provisioner failure (after retries)
   */
  void provision(Communicator comm, Map<String, String> buildData) throws Exception;

  /**
   * Runs the template's {@code error-cleanup-provisioner}, if any; called by the provisioning
   * step's cleanup when provisioning failed and the {@code -on-error} policy allows it.
   */
  void provisionErrorCleanup(Communicator comm, Map<String, String> buildData) throws Exception;
}
