package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.Set;

/**
 * Packer's {@code StepWaitForRackConnect}: with rackconnect_wait, polls the server until
 * Rackspace's RackConnect automation marks it deployed (metadata {@code
 * rackconnect_automation_status} = {@code DEPLOYED}), every poll delay (Packer's 2 s), without a
 * time limit, as Packer. Where Packer's step stops the build without a message when a poll fails,
 * this one names the error.
 */
final class StepWaitForRackConnect implements Step {
  static final String DEPLOYED = "DEPLOYED";
  private final OsRunConfig run;

  StepWaitForRackConnect(OsRunConfig run) {
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (!Boolean.TRUE.equals(run.rackconnectWait())) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    String id = state.require(OsState.SERVER_ID);
    ctx.ui().say("Waiting for server (" + id + ") to become RackConnect ready...");
    try {
      state
          .require(OsState.WAITS)
          .until(
              () -> client.get(OsService.COMPUTE, "/servers/" + id).path("server"),
              server -> server.path("metadata").path("rackconnect_automation_status").asString(""),
              Set.of(),
              Set.of(DEPLOYED));
    } catch (OsApiException e) {
      throw new IllegalStateException(
          "Error waiting for server (" + id + ") to become RackConnect ready: " + e.getMessage(),
          e);
    }
  }
}
