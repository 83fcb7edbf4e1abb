package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Droplet;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Packer's {@code stepCreateDroplet}: creates the droplet with the temporary key. The droplet is
 * recorded by name before the call, so that a lost answer still lets the cleanup find and destroy
 * it (droplets of that name that existed before the build are left alone). Produces {@link
 * DoState#DROPLET_ID} and the build data {@code ID}; the cleanup destroys the droplet.
 */
final class StepCreateDroplet implements Step {
  private final DigitalOceanConfig config;
  private final String dropletName;
  private final boolean nameIsUnique;
  private Set<Long> existing = Set.of();
  private boolean attempted;

  /**
   * @param nameIsUnique whether the name was made for this build (no other droplet can have it)
   */
  StepCreateDroplet(DigitalOceanConfig config, String dropletName, boolean nameIsUnique) {
    this.config = config;
    this.dropletName = dropletName;
    this.nameIsUnique = nameIsUnique;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    DoClient api = Api.of(ctx, state);
    long keyId = state.require(DoState.SSH_KEY).id();
    ctx.ui().say("Creating droplet...");
    String userData = config.userData();
    if (config.userDataFile() != null && !config.userDataFile().isEmpty()) {
      try {
        userData = Files.readString(ctx.localPath(config.userDataFile()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Problem reading user data file: " + e.getMessage(), e);
      }
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("name", dropletName);
    request.put("region", config.region());
    request.put("size", config.size());
    request.put("image", image(config.image()));
    request.put("ssh_keys", List.of(keyId));
    request.put("backups", false);
    request.put("ipv6", Boolean.TRUE.equals(config.ipv6()));
    request.put("private_networking", config.privateNetworkingOn());
    request.put("monitoring", Boolean.TRUE.equals(config.monitoring()));
    if (userData != null && !userData.isEmpty()) {
      request.put("user_data", userData);
    }
    request.put("tags", config.tags());
    if (config.vpcUuid() != null && !config.vpcUuid().isEmpty()) {
      request.put("vpc_uuid", config.vpcUuid());
    }
    try {
      if (!nameIsUnique) {
        existing =
            api.dropletsNamed(dropletName).stream().map(Droplet::id).collect(Collectors.toSet());
      }
      ctx.resources().created(DoResources.droplet(dropletName), () -> destroyByName(api));
      attempted = true;
      Droplet droplet = api.createOnce(() -> api.createDroplet(request), () -> find(api));
      record(ctx, state, api, droplet.id());
    } catch (RuntimeException e) {
      throw Api.fail("Error creating droplet: ", e);
    }
  }

  /** A numeric image is an image id, anything else a slug (Packer's {@code getImageType}). */
  static Object image(String image) {
    try {
      return Integer.parseInt(image);
    } catch (NumberFormatException e) {
      return image;
    }
  }

  private void record(BuildContext ctx, StateBag state, DoClient api, long id) {
    state.put(DoState.DROPLET_ID, id);
    ctx.resources()
        .replace(
            DoResources.droplet(dropletName),
            DoResources.droplet(id),
            () -> Api.delete(() -> api.deleteDroplet(id)));
    StateKeys.addBuildData(state, Map.of("ID", Long.toString(id)));
  }

  /** The droplet this build made, found by name. */
  private Optional<Droplet> find(DoClient api) {
    return api.dropletsNamed(dropletName).stream()
        .filter(d -> !existing.contains(d.id()))
        .findFirst();
  }

  private void destroyByName(DoClient api) {
    find(api).ifPresent(d -> Api.delete(() -> api.deleteDroplet(d.id())));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    if (!attempted) {
      return;
    }
    DoClient api = Api.of(ctx, state);
    Long id = state.find(DoState.DROPLET_ID).orElse(null);
    try {
      if (id == null) {
        Optional<Droplet> found = find(api);
        if (found.isEmpty()) {
          ctx.resources().deleted(DoResources.droplet(dropletName));
          return;
        }
        id = found.get().id();
        record(ctx, state, api, id);
      }
      ctx.ui().say("Destroying droplet...");
      long dropletId = id;
      Api.delete(() -> api.deleteDroplet(dropletId));
      ctx.resources().deleted(DoResources.droplet(dropletId));
      ctx.resources().deleted(DoResources.droplet(dropletName));
    } catch (RuntimeException e) {
      ctx.ui()
          .error(
              "Error destroying droplet. Please destroy it manually: "
                  + (id == null ? dropletName : id)
                  + " ("
                  + e.getMessage()
                  + ")");
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepCreateDroplet";
  }
}
