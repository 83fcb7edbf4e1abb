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
 * With external_source_image_url, the first half of Packer's {@code StepSourceImageInfo}: a Glance
 * image named {@code packer_<uuid>} (bare, of external_source_image_format, the URL and format in
 * its properties) filled by Glance's {@code web-download} import of the URL, polled every 10 s
 * until active, as Packer; it is the image to boot. Recorded by name before the call (after a lost
 * answer the cleanup finds it as the image of that name that was not there before). Unlike Packer,
 * which waits for ever, a failed import ({@code os_glance_failed_import}, or a status other than
 * queued, saving, importing or active) fails the build; and the image is deleted whether or not it
 * became active (Packer deletes it only then). Produces {@link OsState#SOURCE_IMAGE}.
 */
final class StepImportSourceImage implements Step {
  private static final Set<String> PENDING = Set.of("queued", "saving", "importing", "uploading");
  private final OsRunConfig run;
  private final String name;
  private volatile NewIds lost;
  private volatile String id;

  StepImportSourceImage(OsRunConfig run, String name) {
    this.run = run;
    this.name = name;
  }

  static String format(OsRunConfig run) {
    return StepNovaKeyPair.blank(run.externalSourceImageFormat())
        ? "qcow2"
        : run.externalSourceImageFormat();
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    String url = run.externalSourceImageUrl();
    if (StepNovaKeyPair.blank(url)) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    String format = format(run);
    ctx.ui().say("Creating image using external source image with name " + name);
    ctx.ui().say("Using disk format " + format);
    NewIds before = NewIds.before(() -> named(client));
    ctx.resources().created(OsResources.image(name));
    lost = before;
    JsonNode image;
    try {
      image =
          client
              .post(
                  OsService.IMAGE,
                  "/images",
                  obj(
                      "name",
                      name,
                      "container_format",
                      "bare",
                      "disk_format",
                      format,
                      "packer_external_source_image_url",
                      url,
                      "packer_external_source_image_format",
                      format))
              .body();
    } catch (OsApiException e) {
      throw new IllegalStateException("Error creating source image: " + e.getMessage(), e);
    }
    lost = null;
    id = image.path("id").asString();
    ctx.resources().replace(OsResources.image(name), OsResources.image(id), null);
    ctx.ui().say("Created image with ID " + id);
    ctx.ui().say("Importing External Source Image from URL " + url);
    try {
      client.post(
          OsService.IMAGE,
          "/images/" + enc(id) + "/import",
          obj("method", obj("name", "web-download", "uri", url)));
    } catch (OsApiException e) {
      throw new IllegalStateException("Error importing source image: " + e.getMessage(), e);
    }
    OsWaits waits = state.require(OsState.WAITS);
    // Packer checks the status of the created image first, then every 10 s.
    JsonNode[] first = {image};
    try {
      waits.until(
          () -> {
            JsonNode current = first[0];
            first[0] = null;
            return current != null ? current : StepCreateImage.get(client, id);
          },
          StepImportSourceImage::status,
          PENDING,
          Set.of("active"),
          waits.tuning().importPollDelay(),
          () -> ctx.ui().message("Image not Active, retrying in 10 seconds"));
    } catch (OsApiException e) {
      throw new IllegalStateException("Error querying image: " + e.getMessage(), e);
    }
    state.put(OsState.SOURCE_IMAGE, id);
  }

  /** The image's status, or "import failed" once Glance lists stores its import failed for. */
  private static String status(JsonNode image) {
    String failed = image.path("os_glance_failed_import").asString("");
    return failed.isEmpty() ? image.path("status").asString() : "import failed";
  }

  private List<String> named(OsClient client) {
    List<String> ids = new ArrayList<>();
    for (JsonNode i : client.get(OsService.IMAGE, "/images?name=" + enc(name)).path("images")) {
      ids.add(i.path("id").asString());
    }
    return ids;
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    if (StepNovaKeyPair.blank(run.externalSourceImageUrl())) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    List<String> ids = new ArrayList<>();
    if (id != null) {
      ids.add(id);
    }
    NewIds unknown = lost;
    if (unknown != null) {
      ids.addAll(unknown.appeared());
    }
    boolean failed = false;
    for (String made : ids) {
      ctx.ui().say("Deleting temporary external source image: " + name + " ...");
      try {
        client.delete(OsService.IMAGE, "/images/" + enc(made));
      } catch (OsApiException e) {
        if (!e.notFound()) {
          ctx.ui().error("error cleaning up external source image: " + e.getMessage());
          failed = true;
          continue;
        }
      }
      ctx.resources().deleted(OsResources.image(made));
    }
    if (!failed) {
      ctx.resources().deleted(OsResources.image(name));
    }
  }
}
