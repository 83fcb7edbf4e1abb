package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.StateKey;
import dev.imagebake.sdk.Step;
import java.util.Map;

/**
 * Runs the template's provisioners on the connected instance; when they failed, the cleanup runs
 * the {@code error-cleanup-provisioner}. Uses {@link AmazonState#COMMUNICATOR} and {@link
 * AmazonState#BUILD_DATA}.
 */
public final class StepProvision implements Step {
  private static final StateKey<Boolean> FAILED = StateKey.of("provisioning failed", Boolean.class);

  private final ProvisionHook hook;

  public StepProvision(ProvisionHook hook) {
    this.hook = hook;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Communicator comm = state.find(AmazonState.COMMUNICATOR).orElse(null);
    try {
      hook.provision(comm, data(state));
    } catch (Exception e) {
      state.put(FAILED, true);
      throw e;
    }
  }

  private static Map<String, String> data(StateBag state) {
    return state.find(AmazonState.BUILD_DATA).map(BuildData::values).orElse(Map.of());
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    if (!state.find(FAILED).orElse(false)) {
      return;
    }
    try {
      hook.provisionErrorCleanup(state.find(AmazonState.COMMUNICATOR).orElse(null), data(state));
    } catch (Exception e) {
      ctx.ui().error("Error running the error-cleanup-provisioner: " + e.getMessage());
    }
  }
}
