package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;
import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Saves the server as an image (Nova createImage), or uploads the boot volume to Glance, then waits
 * for the image to be active. The image is recorded before the call; unless the build succeeds, the
 * cleanup deletes it (Packer leaves the image of a failed build behind), found by name after a lost
 * answer. Produces {@link OsState#IMAGE_ID}.
 */
final class StepCreateImage implements Step {
  private final OsImageConfig image;
  private final OsRunConfig run;
  private volatile NewIds lost;

  StepCreateImage(OsImageConfig image, OsRunConfig run) {
    this.image = image;
    this.run = run;
  }

  /** Packer's metadata with {@code image_type} defaulting to {@code image}. */
  Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    if (image.metadata() != null) {
      m.putAll(image.metadata());
    }
    if (m.getOrDefault("image_type", "").isEmpty()) {
      m.put("image_type", "image");
    }
    return m;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    OsClient client = state.require(OsState.CLIENT);
    String name = image.imageName();
    ctx.ui().say("Creating the image: " + name);
    NewIds before = NewIds.before(() -> named(client, name));
    ctx.resources().created(OsResources.image(name));
    lost = before;
    String id;
    boolean fromVolume = Boolean.TRUE.equals(run.useBlockstorageVolume());
    try {
      if (fromVolume) {
        String volume = state.require(OsState.VOLUME_ID);
        id =
            client
                .post(
                    OsService.VOLUME,
                    "/volumes/" + enc(volume) + "/action",
                    obj(
                        "os-volume_upload_image",
                        obj(
                            "image_name",
                            name,
                            "disk_format",
                            StepNovaKeyPair.blank(image.imageDiskFormat())
                                ? null
                                : image.imageDiskFormat(),
                            "force",
                            true)))
                .body()
                .path("os-volume_upload_image")
                .path("image_id")
                .asString();
      } else {
        OsClient.Answer answer =
            client.post(
                OsService.COMPUTE,
                "/servers/" + enc(state.require(OsState.SERVER_ID)) + "/action",
                obj("createImage", obj("name", name, "metadata", metadata())));
        id =
            answer.body() != null && answer.body().path("image_id").isString()
                ? answer.body().path("image_id").asString()
                : answer
                    .header("Location")
                    .map(l -> l.substring(l.lastIndexOf('/') + 1))
                    .orElseThrow(() -> new OsApiException(0, "no image id in the answer"));
      }
    } catch (OsApiException e) {
      throw new IllegalStateException("Error creating image: " + e.getMessage(), e);
    }
    lost = null;
    state.put(OsState.IMAGE_ID, id);
    ctx.resources().replace(OsResources.image(name), OsResources.image(id), null);
    ctx.ui().message("Image: " + id);
    if (fromVolume) {
      try {
        List<Map<String, Object>> ops = new ArrayList<>();
        metadata().forEach((k, v) -> ops.add(obj("op", "add", "path", "/" + k, "value", v)));
        client.patchImage("/images/" + enc(id), ops);
      } catch (OsApiException e) {
        throw new IllegalStateException("Error setting image metadata: " + e.getMessage(), e);
      }
    }
    ctx.ui().say("Waiting for image " + name + " (image id: " + id + ") to become ready...");
    try {
      state
          .require(OsState.WAITS)
          .until(
              () -> get(client, id),
              i -> i.path("status").asString(),
              Set.of("queued", "saving", "importing", "uploading"),
              Set.of("active"));
    } catch (OsApiException e) {
      throw new IllegalStateException("Error waiting for image: " + e.getMessage(), e);
    }
    StateKeys.addBuildData(state, Map.of("ImageID", id));
  }

  static JsonNode get(OsClient client, String id) {
    try {
      return client.get(OsService.IMAGE, "/images/" + enc(id));
    } catch (OsApiException e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
  }

  private static List<String> named(OsClient client, String name) {
    List<String> ids = new ArrayList<>();
    for (JsonNode i : client.get(OsService.IMAGE, "/images?name=" + enc(name)).path("images")) {
      ids.add(i.path("id").asString());
    }
    return ids;
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    String name = image.imageName();
    if (state.find(StateKeys.SUCCEEDED).orElse(false)) {
      state.find(OsState.IMAGE_ID).ifPresent(id -> ctx.resources().deleted(OsResources.image(id)));
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    List<String> ids = new ArrayList<>();
    state.find(OsState.IMAGE_ID).ifPresent(ids::add);
    NewIds unknown = lost;
    if (unknown != null) {
      ids.addAll(unknown.appeared());
    }
    boolean failed = false;
    for (String id : ids) {
      ctx.ui().say("Deleting the image of the failed build: " + id + " ...");
      try {
        client.delete(OsService.IMAGE, "/images/" + enc(id));
      } catch (OsApiException e) {
        if (!e.notFound()) {
          ctx.ui()
              .error(
                  "Error deleting image "
                      + id
                      + ": "
                      + e.getMessage()
                      + ". Please delete it manually.");
          failed = true;
          continue;
        }
      }
      ctx.resources().deleted(OsResources.image(id));
    }
    if (!failed) {
      ctx.resources().deleted(OsResources.image(name));
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepCreateImage";
  }
}
