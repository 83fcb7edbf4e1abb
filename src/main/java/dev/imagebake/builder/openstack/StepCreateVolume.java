package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;
import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * With {@code use_blockstorage_volume}: a Cinder volume made of the source image, to boot from.
 * Recorded by name before the call; after a lost answer the cleanup finds it as the volume of that
 * name that was not there before. Produces {@link OsState#VOLUME_ID}.
 */
final class StepCreateVolume implements Step {
  private final OsRunConfig run;
  private final String volumeName;
  private volatile NewIds lost;

  StepCreateVolume(OsRunConfig run, String volumeName) {
    this.run = run;
    this.volumeName = volumeName;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (!Boolean.TRUE.equals(run.useBlockstorageVolume())) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    String sourceImage = state.require(OsState.SOURCE_IMAGE);
    int size;
    if (run.volumeSize() != null && run.volumeSize() > 0) {
      size = run.volumeSize();
    } else {
      try {
        size = sizeOf(client.get(OsService.IMAGE, "/images/" + enc(sourceImage)));
      } catch (OsApiException e) {
        throw new IllegalStateException("Error creating volume: " + e.getMessage(), e);
      }
    }
    ctx.ui().say("Creating volume...");
    String zone =
        run.volumeAvailabilityZone() != null
            ? run.volumeAvailabilityZone()
            : run.availabilityZone();
    NewIds before = NewIds.before(() -> named(client));
    ctx.resources().created(OsResources.volume(volumeName));
    lost = before;
    String id;
    try {
      id =
          client
              .post(
                  OsService.VOLUME,
                  "/volumes",
                  obj(
                      "volume",
                      obj(
                          "size",
                          size,
                          "name",
                          volumeName,
                          "imageRef",
                          sourceImage,
                          "volume_type",
                          run.volumeType(),
                          "availability_zone",
                          zone)))
              .body()
              .path("volume")
              .path("id")
              .asString();
    } catch (OsApiException e) {
      throw new IllegalStateException("Error creating volume: " + e.getMessage(), e);
    }
    lost = null;
    state.put(OsState.VOLUME_ID, id);
    ctx.resources().replace(OsResources.volume(volumeName), OsResources.volume(id), null);
    ctx.ui()
        .say(
            "Waiting for volume " + volumeName + " (volume id: " + id + ") to become available...");
    try {
      state
          .require(OsState.WAITS)
          .until(
              () -> get(client, id),
              v -> v.path("status").asString(),
              Set.of("downloading", "creating"),
              Set.of("available"));
    } catch (OsApiException e) {
      throw new IllegalStateException("Error waiting for volume: " + e.getMessage(), e);
    }
    ctx.ui().message("Volume ID: " + id);
  }

  static JsonNode get(OsClient client, String id) {
    try {
      return client.get(OsService.VOLUME, "/volumes/" + enc(id)).path("volume");
    } catch (OsApiException e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
  }

  private List<String> named(OsClient client) {
    List<String> ids = new ArrayList<>();
    for (JsonNode v :
        client.get(OsService.VOLUME, "/volumes?name=" + enc(volumeName)).path("volumes")) {
      ids.add(v.path("id").asString());
    }
    return ids;
  }

  /** Packer's default volume size: the image's min_disk, else its size rounded up to GiB. */
  private static int sizeOf(JsonNode image) {
    int minDisk = image.path("min_disk").asInt(0);
    if (minDisk > 0) {
      return minDisk;
    }
    long bytes = image.path("size").asLong(0);
    return (int) Math.max(1, (bytes + (1L << 30) - 1) >> 30);
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    if (!Boolean.TRUE.equals(run.useBlockstorageVolume())) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    List<String> ids = new ArrayList<>();
    state.find(OsState.VOLUME_ID).ifPresent(ids::add);
    NewIds unknown = lost;
    if (unknown != null) {
      ids.addAll(unknown.appeared());
    }
    boolean failed = false;
    for (String id : ids) {
      failed |= !delete(ctx, state, client, id);
    }
    if (!failed) {
      ctx.resources().deleted(OsResources.volume(volumeName));
    }
  }

  private boolean delete(BuildContext ctx, StateBag state, OsClient client, String id) {
    ctx.ui().say("Deleting volume: " + id + " ...");
    try {
      // A volume still attached to the deleted server detaches shortly after, and one being
      // created cannot be deleted yet: wait for either to settle.
      state
          .require(OsState.WAITS)
          .untilGoneIgnoringCancellation(
              () -> {
                JsonNode v = get(client, id);
                return v == null
                    || !Set.of("in-use", "creating", "downloading", "detaching", "attaching")
                        .contains(v.path("status").asString());
              });
      client.delete(OsService.VOLUME, "/volumes/" + enc(id));
    } catch (OsApiException e) {
      if (!e.notFound()) {
        ctx.ui()
            .error(
                "Error deleting volume "
                    + id
                    + ": "
                    + e.getMessage()
                    + ". Please delete it manually.");
        return false;
      }
    }
    ctx.resources().deleted(OsResources.volume(id));
    return true;
  }
}
