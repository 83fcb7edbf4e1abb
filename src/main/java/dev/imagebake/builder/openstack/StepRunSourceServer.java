package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;
import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Launches the source server and waits for ACTIVE. Recorded by name before the call (with a stop
 * action, so a skipped cleanup still deletes it); after a lost answer the cleanup deletes the
 * server of that name that was not there before. Cleanup deletes the server and waits until it is
 * gone. Produces {@link OsState#SERVER_ID}.
 */
final class StepRunSourceServer implements Step {
  private final OsRunConfig run;
  private final String name;
  private volatile NewIds lost;

  StepRunSourceServer(OsRunConfig run, String name) {
    this.run = run;
    this.name = name;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    OsClient client = state.require(OsState.CLIENT);
    String userData = run.userData();
    if (!StepNovaKeyPair.blank(run.userDataFile())) {
      try {
        userData = Files.readString(ctx.localPath(run.userDataFile()), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Error reading user data file: " + e.getMessage(), e);
      }
    }
    List<Map<String, Object>> networks = new ArrayList<>();
    if (run.networks() != null) {
      run.networks().forEach(n -> networks.add(obj("uuid", n)));
    }
    if (run.ports() != null) {
      run.ports().forEach(p -> networks.add(obj("port", p)));
    }
    state.find(OsState.DISCOVERED_NETWORK).ifPresent(n -> networks.add(obj("uuid", n)));
    List<Map<String, Object>> groups = new ArrayList<>();
    if (run.securityGroups() != null) {
      run.securityGroups().forEach(g -> groups.add(obj("name", g)));
    }
    boolean fromVolume = Boolean.TRUE.equals(run.useBlockstorageVolume());
    Map<String, Object> server =
        obj(
            "name",
            name,
            "imageRef",
            fromVolume ? null : state.require(OsState.SOURCE_IMAGE),
            "flavorRef",
            state.require(OsState.FLAVOR_ID),
            "security_groups",
            groups.isEmpty() ? null : groups,
            "networks",
            networks.isEmpty() ? null : networks,
            "availability_zone",
            run.availabilityZone(),
            "user_data",
            userData == null || userData.isEmpty()
                ? null
                : Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)),
            "config_drive",
            Boolean.TRUE.equals(run.configDrive()),
            "metadata",
            run.instanceMetadata() == null || run.instanceMetadata().isEmpty()
                ? null
                : run.instanceMetadata(),
            "key_name",
            state.find(OsState.KEY).map(OsState.SshKey::keyPairName).orElse(null));
    if (fromVolume) {
      server.put(
          "block_device_mapping_v2",
          List.of(
              obj(
                  "boot_index",
                  0,
                  "destination_type",
                  "volume",
                  "source_type",
                  "volume",
                  "uuid",
                  state.require(OsState.VOLUME_ID))));
    }
    ctx.ui().say("Launching server...");
    NewIds before = NewIds.before(() -> named(client));
    boolean force = Boolean.TRUE.equals(run.forceDelete());
    ctx.resources().created(OsResources.server(name), () -> forget(client, before, null, force));
    lost = before;
    String id;
    try {
      id =
          client
              .post(OsService.COMPUTE, "/servers", obj("server", server))
              .body()
              .path("server")
              .path("id")
              .asString();
    } catch (OsApiException e) {
      throw new IllegalStateException("Error launching source server: " + e.getMessage(), e);
    }
    lost = null;
    state.put(OsState.SERVER_ID, id);
    ctx.resources()
        .replace(
            OsResources.server(name),
            OsResources.server(id),
            () -> forget(client, null, id, force));
    ctx.ui().message("Server ID: " + id);
    ctx.ui().say("Waiting for server to become ready...");
    try {
      state
          .require(OsState.WAITS)
          .until(
              () -> get(client, id),
              s -> s.path("status").asString(),
              Set.of("BUILD"),
              Set.of("ACTIVE"));
    } catch (OsApiException e) {
      throw new IllegalStateException(
          "Error waiting for server (" + id + ") to become ready: " + e.getMessage(), e);
    }
    StateKeys.addBuildData(state, Map.of("ID", id));
  }

  /** The stop action of a skipped cleanup: delete without waiting. */
  private static void forget(OsClient client, NewIds before, String id, boolean force) {
    List<String> ids = id != null ? List.of(id) : before.appeared();
    for (String i : ids) {
      try {
        delete(client, i, force);
      } catch (OsApiException e) {
        if (!e.notFound()) {
          throw e;
        }
      }
    }
  }

  static JsonNode get(OsClient client, String id) {
    try {
      return client.get(OsService.COMPUTE, "/servers/" + enc(id)).path("server");
    } catch (OsApiException e) {
      if (e.notFound()) {
        return null;
      }
      throw e;
    }
  }

  private List<String> named(OsClient client) {
    List<String> ids = new ArrayList<>();
    String exact = "^" + java.util.regex.Pattern.quote(name) + "$";
    for (JsonNode s :
        client.get(OsService.COMPUTE, "/servers?name=" + enc(exact)).path("servers")) {
      if (name.equals(s.path("name").asString())) {
        ids.add(s.path("id").asString());
      }
    }
    return ids;
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    OsClient client = state.require(OsState.CLIENT);
    List<String> ids = new ArrayList<>();
    state.find(OsState.SERVER_ID).ifPresent(ids::add);
    NewIds unknown = lost;
    if (unknown != null) {
      ids.addAll(unknown.appeared());
    }
    boolean failed = false;
    for (String id : ids) {
      failed |= !terminate(ctx, state, client, id, Boolean.TRUE.equals(run.forceDelete()));
    }
    if (!failed) {
      ctx.resources().deleted(OsResources.server(name));
    }
  }

  /** Nova's delete, or its forceDelete action with {@code force_delete}. */
  private static void delete(OsClient client, String id, boolean force) {
    if (force) {
      Map<String, Object> action = new java.util.HashMap<>();
      action.put("forceDelete", null);
      client.post(OsService.COMPUTE, "/servers/" + enc(id) + "/action", action);
    } else {
      client.delete(OsService.COMPUTE, "/servers/" + enc(id));
    }
  }

  private static boolean terminate(
      BuildContext ctx, StateBag state, OsClient client, String id, boolean force) {
    ctx.ui().say("Terminating the source server: " + id + " ...");
    try {
      delete(client, id, force);
    } catch (OsApiException e) {
      if (!e.notFound()) {
        ctx.ui().error("Error terminating server, may still be around: " + e.getMessage());
        return false;
      }
    }
    boolean gone;
    try {
      gone =
          state
              .require(OsState.WAITS)
              .untilGoneIgnoringCancellation(
                  () -> {
                    JsonNode s = get(client, id);
                    return s == null || s.path("status").asString().equals("DELETED");
                  });
    } catch (OsApiException e) {
      gone = false;
    }
    if (!gone) {
      ctx.ui().error("Error terminating server, may still be around: " + id);
      return false;
    }
    ctx.resources().deleted(OsResources.server(id));
    return true;
  }
}
