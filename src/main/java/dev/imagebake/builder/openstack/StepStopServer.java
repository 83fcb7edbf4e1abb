package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Stops the server (os-stop; already stopped is fine) and waits for SHUTOFF. */
final class StepStopServer implements Step {
  @Override
  public void run(BuildContext ctx, StateBag state) {
    OsClient client = state.require(OsState.CLIENT);
    String id = state.require(OsState.SERVER_ID);
    ctx.ui().say("Stopping server: " + id + " ...");
    try {
      Map<String, Object> stop = new HashMap<>();
      stop.put("os-stop", null);
      client.post(OsService.COMPUTE, "/servers/" + enc(id) + "/action", stop);
    } catch (OsApiException e) {
      if (e.status() != 409) {
        throw new IllegalStateException("Error stopping server: " + e.getMessage(), e);
      }
    }
    ctx.ui().message("Waiting for server to stop: " + id + " ...");
    try {
      state
          .require(OsState.WAITS)
          .until(
              () -> StepRunSourceServer.get(client, id),
              s -> s.path("status").asString(),
              Set.of("ACTIVE", "STOPPING"),
              Set.of("SHUTOFF", "STOPPED"));
    } catch (OsApiException e) {
      throw new IllegalStateException(
          "Error waiting for server (" + id + ") to stop: " + e.getMessage(), e);
    }
  }
}
