package dev.imagebake.sdk.steps;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import java.util.Map;

/**
 * Runs the template's provisioners (Packer's {@code commonsteps.StepProvision}). The engine's step
 * runner recognises it by type: under {@code -on-error=run-cleanup-provisioner} its cleanup is the
 * one that still runs.
 *
 * <p>Uses: {@link StateKeys#COMMUNICATOR} (put there by {@link StepConnect}, or by the builder
 * itself when it has no machine; the {@code none} communicator when absent), {@link
 * StateKeys#BUILD_DATA}. Produces: {@link StateKeys#PROVISIONING_ERROR} when provisioning failed.
 * Its cleanup runs the {@code error-cleanup-provisioner} when provisioning failed (not when
 * interrupted).
 */
public final class StepProvision implements Step {
  private final ProvisionHook hook;

  public StepProvision(ProvisionHook hook) {
    this.hook = hook;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    try {
      hook.provision(communicator(state), buildData(state));
    } catch (Exception e) {
      // Packer runs the error-cleanup-provisioner for failures only, never after an interrupt.
      if (!(e instanceof CancelledException) && !ctx.cancellation().isCancelled()) {
        state.put(StateKeys.PROVISIONING_ERROR, e);
      }
      throw e;
    }
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    Exception original = state.find(StateKeys.PROVISIONING_ERROR).orElse(null);
    if (original == null) {
      return;
    }
    ctx.ui().say("Provisioning step had errors: Running the cleanup provisioner, if present...");
    try {
      hook.provisionErrorCleanup(communicator(state), buildData(state));
    } catch (Exception e) {
      String message =
          "Cleanup failed: "
              + StepFailedException.messageOf(e)
              + ". Original Provisioning error: "
              + StepFailedException.messageOf(original);
      ctx.ui().error(message);
      state.put(StateKeys.FAILURE_MESSAGE, message);
    }
  }

  @Override
  public String name() {
    return "StepProvision";
  }

  /** The connected communicator; without a connect step before, the {@code none} one. */
  private static Communicator communicator(StateBag state) {
    return state.find(StateKeys.COMMUNICATOR).orElseGet(NoneCommunicator::new);
  }

  private static Map<String, String> buildData(StateBag state) {
    return state.find(StateKeys.BUILD_DATA).orElse(Map.of());
  }
}
