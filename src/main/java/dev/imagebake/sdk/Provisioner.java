package dev.imagebake.sdk;

import java.util.Map;

/** Changes the machine being built (shell, file, salt-masterless, ...). */
public interface Provisioner {
  /**
   * Runs against {@code comm}. Must honour {@code ctx.cancellation()}.
   *
   * @param buildData what {@code {{build `KEY`}}} resolves to
   * @throws Exception with a user-facing message when provisioning failed
   */
  void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception;
}
