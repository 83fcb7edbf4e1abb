package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Finds {@code flavor} by id, else by name. Produces {@link OsState#FLAVOR_ID}. */
final class StepLoadFlavor implements Step {
  private final String flavor;

  StepLoadFlavor(String flavor) {
    this.flavor = flavor;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    OsClient client = state.require(OsState.CLIENT);
    ctx.ui().say("Loading flavor: " + flavor);
    String id;
    try {
      id =
          client
              .get(OsService.COMPUTE, "/flavors/" + enc(flavor))
              .path("flavor")
              .path("id")
              .asString();
    } catch (OsApiException byId) {
      try {
        id = idFromName(client);
      } catch (OsApiException byName) {
        throw new IllegalStateException(
            "Unable to find specified flavor by ID or name!\n\n"
                + "Error from ID lookup: "
                + byId.getMessage()
                + "\n\nError from name lookup: "
                + byName.getMessage());
      }
    }
    ctx.ui().message("Verified flavor. ID: " + id);
    state.put(OsState.FLAVOR_ID, id);
  }

  private String idFromName(OsClient client) {
    List<String> ids = new ArrayList<>();
    for (JsonNode f : client.get(OsService.COMPUTE, "/flavors/detail").path("flavors")) {
      if (flavor.equals(f.path("name").asString())) {
        ids.add(f.path("id").asString());
      }
    }
    if (ids.isEmpty()) {
      throw new OsApiException(404, "Unable to find flavor with name " + flavor);
    }
    if (ids.size() > 1) {
      throw new OsApiException(0, "Found " + ids.size() + " flavors matching " + flavor);
    }
    return ids.get(0);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
