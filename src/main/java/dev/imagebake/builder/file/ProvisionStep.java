package dev.imagebake.builder.file;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.StateKey;
import dev.imagebake.sdk.Step;
import java.util.Map;

/**
 * Runs the provisioners against a {@link NoMachineCommunicator}. On failure its cleanup runs the
 * {@code error-cleanup-provisioner} (Packer's file builder never does; imagebake treats it like
 * every other builder). Uses nothing from the state; records {@link #FAILED} when provisioning
 * failed.
 */
final class ProvisionStep implements Step {
  private static final StateKey<Boolean> FAILED =
      StateKey.of("file builder provisioning failed", Boolean.class);

  private final ProvisionHook hook;

  ProvisionStep(ProvisionHook hook) {
    this.hook = hook;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (hook == null) {
      return;
    }
    try (Communicator comm = new NoMachineCommunicator(ctx.ui())) {
      hook.provision(comm, Map.of());
    } catch (Exception e) {
      state.put(FAILED, true);
      throw e;
    }
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    if (hook == null || !state.find(FAILED).orElse(false)) {
      return;
    }
    ctx.ui().say("Provisioning step had errors: Running the cleanup provisioner, if present...");
    try (Communicator comm = new NoMachineCommunicator(ctx.ui())) {
      hook.provisionErrorCleanup(comm, Map.of());
    } catch (Exception e) {
      ctx.ui().error("Cleanup failed: " + e.getMessage());
    }
  }

  @Override
  public String name() {
    return "StepProvision";
  }
}
