package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;
import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.Map;
import java.util.Set;

/** With a boot volume: detaches it from the stopped server and waits until it is available. */
final class StepDetachVolume implements Step {
  private final OsRunConfig run;
  private final String volumeName;

  StepDetachVolume(OsRunConfig run, String volumeName) {
    this.run = run;
    this.volumeName = volumeName;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (!Boolean.TRUE.equals(run.useBlockstorageVolume())) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    String id = state.require(OsState.VOLUME_ID);
    ctx.ui().say("Detaching volume " + volumeName + " (volume id: " + id + ")");
    try {
      client.post(OsService.VOLUME, "/volumes/" + enc(id) + "/action", obj("os-detach", Map.of()));
    } catch (OsApiException e) {
      throw new IllegalStateException("Error detaching block storage volume: " + e.getMessage(), e);
    }
    ctx.ui()
        .say(
            "Waiting for volume " + volumeName + " (volume id: " + id + ") to become available...");
    try {
      state
          .require(OsState.WAITS)
          .until(
              () -> StepCreateVolume.get(client, id),
              v -> v.path("status").asString(),
              Set.of("in-use", "detaching"),
              Set.of("available"));
    } catch (OsApiException e) {
      throw new IllegalStateException("Error waiting for volume: " + e.getMessage(), e);
    }
  }
}
