package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The image to boot: {@code source_image} as given, else the one image named {@code
 * source_image_name} or matching {@code source_image_filter} (the newest with most_recent).
 * Produces {@link OsState#SOURCE_IMAGE}.
 */
final class StepSourceImageInfo implements Step {
  private final OsRunConfig run;

  StepSourceImageInfo(OsRunConfig run) {
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (!StepNovaKeyPair.blank(run.externalSourceImageUrl())) {
      return; // StepImportSourceImage made it.
    }
    if (!StepNovaKeyPair.blank(run.sourceImage())) {
      state.put(OsState.SOURCE_IMAGE, run.sourceImage());
      return;
    }
    OsImageFilterOptions f =
        run.sourceImageFilter() == null ? null : run.sourceImageFilter().filters();
    boolean mostRecent =
        run.sourceImageFilter() != null
            && Boolean.TRUE.equals(run.sourceImageFilter().mostRecent());
    List<String> query = new ArrayList<>();
    Map<String, String> properties = Map.of();
    if (!StepNovaKeyPair.blank(run.sourceImageName())) {
      query.add("name=" + enc(run.sourceImageName()));
    } else if (f != null) {
      if (f.name() != null) {
        query.add("name=" + enc(f.name()));
      }
      if (f.owner() != null) {
        query.add("owner=" + enc(f.owner()));
      }
      if (f.visibility() != null) {
        query.add("visibility=" + enc(f.visibility()));
      }
      if (f.tags() != null) {
        f.tags().forEach(t -> query.add("tag=" + enc(t)));
      }
      properties = f.properties() == null ? Map.of() : f.properties();
    }
    if (mostRecent) {
      query.add("sort=created_at:desc");
    }
    String describe = "name=" + run.sourceImageName() + " filters " + (f == null ? "{}" : f);
    List<JsonNode> matches = new ArrayList<>();
    try {
      String path = "/images" + (query.isEmpty() ? "" : "?" + String.join("&", query));
      while (path != null) {
        JsonNode page = state.require(OsState.CLIENT).get(OsService.IMAGE, path);
        for (JsonNode image : page.path("images")) {
          if (satisfies(image, properties)) {
            matches.add(image);
          }
        }
        if ((mostRecent && !matches.isEmpty()) || matches.size() > 1) {
          break;
        }
        String next = page.path("next").isString() ? page.path("next").asString() : null;
        path = next == null ? null : next.replaceFirst("^/v2", "");
      }
    } catch (OsApiException e) {
      throw new IllegalStateException("Error querying image: " + e.getMessage(), e);
    }
    if (matches.size() > 1 && !mostRecent) {
      throw new IllegalStateException(
          "Error querying image: Your query returned more than one result. Please try a more"
              + " specific search, or set most_recent to true. Search filters: "
              + describe);
    }
    if (matches.isEmpty()) {
      throw new IllegalStateException("No image was found matching filters: " + describe);
    }
    String id = matches.get(0).path("id").asString();
    ctx.ui().message("Found Image ID: " + id);
    state.put(OsState.SOURCE_IMAGE, id);
  }

  private static boolean satisfies(JsonNode image, Map<String, String> properties) {
    for (var e : properties.entrySet()) {
      JsonNode v = image.path(e.getKey());
      if (!v.isValueNode() || !e.getValue().equals(v.asString())) {
        return false;
      }
    }
    return true;
  }
}
