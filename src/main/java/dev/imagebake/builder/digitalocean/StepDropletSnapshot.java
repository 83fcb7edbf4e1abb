package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Action;
import dev.imagebake.builder.digitalocean.DoModel.Image;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Packer's {@code stepSnapshot}: snapshots the droplet (waiting up to {@code snapshot_timeout}),
 * looks up the snapshot's image id, and transfers it to each of {@code snapshot_regions} in turn
 * (20 minutes each). Produces {@link DoState#SNAPSHOT}.
 *
 * <p>Unlike Packer, a failed or interrupted build does not keep the snapshot: the cleanup waits for
 * a snapshot action still running (it would otherwise appear after the droplet is gone), then
 * deletes the droplet's snapshots of this name. A lost answer of the snapshot call is found again
 * among the droplet's actions.
 */
final class StepDropletSnapshot implements Step {
  private static final Duration UNLOCK_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(20);

  private final DigitalOceanConfig config;
  private final String snapshotName;
  private Long actionId;
  private Long imageId;

  StepDropletSnapshot(DigitalOceanConfig config, String snapshotName) {
    this.config = config;
    this.snapshotName = snapshotName;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    DoClient api = Api.of(ctx, state);
    long dropletId = state.require(DoState.DROPLET_ID);
    ctx.ui().say("Creating snapshot: " + snapshotName);
    ctx.resources().created(DoResources.snapshotOf(dropletId, snapshotName));
    Action action;
    try {
      action =
          api.createOnce(
              () ->
                  api.dropletAction(
                      dropletId, Map.of("type", "snapshot", "name", snapshotName), false),
              () -> snapshotAction(api, dropletId));
    } catch (RuntimeException e) {
      throw Api.fail("Error creating snapshot: ", e);
    }
    actionId = action.id();
    ctx.ui().say("Waiting for snapshot to complete...");
    try {
      DoWaits.dropletAction(api, dropletId, action.id(), config.snapshotTimeoutOrDefault());
    } catch (RuntimeException e) {
      throw Api.fail("Error waiting for snapshot: ", e);
    }
    try {
      DoWaits.dropletUnlocked(api, dropletId, UNLOCK_TIMEOUT);
    } catch (RuntimeException e) {
      // Packer's wording.
      throw Api.fail("Error shutting down droplet: ", e);
    }
    List<Image> images;
    try {
      images = api.dropletSnapshots(dropletId);
    } catch (RuntimeException e) {
      throw Api.fail("Error looking up snapshot ID: ", e);
    }
    if (images.size() != 1) {
      throw new IllegalStateException("Couldn't find snapshot to get the image ID. Bug?");
    }
    long id = images.get(0).id();
    imageId = id;
    ctx.resources()
        .replace(DoResources.snapshotOf(dropletId, snapshotName), DoResources.snapshot(id), null);
    List<String> regions = new ArrayList<>(transferRegions());
    for (String region : regions) {
      Action transfer;
      try {
        transfer = api.imageAction(id, Map.of("type", "transfer", "region", region));
      } catch (RuntimeException e) {
        throw Api.fail("Error transferring snapshot: ", e);
      }
      ctx.ui().say("transferring Snapshot ID: " + transfer.id());
      try {
        DoWaits.imageAction(api, id, transfer.id(), TRANSFER_TIMEOUT);
      } catch (RuntimeException e) {
        throw Api.fail("Error waiting for snapshot transfer: ", e);
      }
    }
    regions.add(config.region());
    state.put(DoState.SNAPSHOT, new MadeSnapshot(id, snapshotName, regions));
  }

  /** {@code snapshot_regions} without duplicates nor {@code region}, in order. */
  private List<String> transferRegions() {
    Set<String> seen = new LinkedHashSet<>();
    seen.add(config.region());
    List<String> regions = new ArrayList<>();
    for (String r : config.snapshotRegions()) {
      if (seen.add(r)) {
        regions.add(r);
      }
    }
    return regions;
  }

  /** The snapshot action of the droplet (a new droplet has at most this build's). */
  private static Optional<Action> snapshotAction(DoClient api, long dropletId) {
    return api.dropletActions(dropletId).stream()
        .filter(a -> "snapshot".equals(a.type()) && !Action.ERRORED.equals(a.status()))
        .findFirst();
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    Long dropletId = state.find(DoState.DROPLET_ID).orElse(null);
    if (state.find(StateKeys.SUCCEEDED).orElse(false)) {
      // Kept: it is the artifact.
      if (imageId != null) {
        ctx.resources().deleted(DoResources.snapshot(imageId));
      }
      return;
    }
    if (dropletId == null) {
      return;
    }
    DoClient api = Api.of(ctx, state);
    try {
      Long running = actionId;
      if (running == null) {
        running = snapshotAction(api, dropletId).map(Action::id).orElse(null);
      }
      if (running != null) {
        Action status = api.dropletActionStatus(dropletId, running);
        if (Action.IN_PROGRESS.equals(status.status())) {
          ctx.ui().say("Waiting for the snapshot to complete, to delete it...");
          try {
            DoWaits.dropletAction(api, dropletId, running, config.snapshotTimeoutOrDefault());
          } catch (IllegalStateException e) {
            // Errored or timed out: whatever it made is looked for below all the same.
          }
        }
      }
      List<Long> ids = new ArrayList<>();
      for (Image image : api.dropletSnapshots(dropletId)) {
        if (snapshotName.equals(image.name())) {
          ids.add(image.id());
        }
      }
      if (imageId != null && !ids.contains(imageId)) {
        ids.add(imageId);
      }
      for (long id : ids) {
        ctx.ui()
            .say("Deleting snapshot of the failed build: " + snapshotName + " (ID: " + id + ")");
        Api.delete(() -> api.deleteImage(id));
        ctx.resources().deleted(DoResources.snapshot(id));
      }
      ctx.resources().deleted(DoResources.snapshotOf(dropletId, snapshotName));
    } catch (CancelledException e) {
      ctx.ui()
          .error(
              "Not waiting for the snapshot "
                  + snapshotName
                  + " of droplet "
                  + dropletId
                  + " (cleanups skipped): delete it by hand once it exists");
    } catch (RuntimeException e) {
      ctx.ui()
          .error(
              "Error deleting snapshot "
                  + snapshotName
                  + ". Please delete it manually: "
                  + e.getMessage());
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepSnapshot";
  }
}
