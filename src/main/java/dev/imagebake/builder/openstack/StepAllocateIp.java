package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;
import static dev.imagebake.builder.openstack.StepLoadFlavor.enc;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The floating IP (Packer's StepAllocateIp): {@code floating_ip} as given, else a free one with
 * {@code reuse_ips}, else a new one in {@code floating_ip_network}; associated with the server's
 * port. A new one is recorded before the call and deleted by the cleanup (found by network after a
 * lost answer); a given or reused one is only disassociated. Produces {@link OsState#FLOATING_IP}.
 */
final class StepAllocateIp implements Step {
  private final OsRunConfig run;
  private volatile NewIds lost;
  private volatile String lostNetwork;

  StepAllocateIp(OsRunConfig run) {
    this.run = run;
  }

  private String floatingNetwork() {
    return !StepNovaKeyPair.blank(run.floatingIpNetwork())
        ? run.floatingIpNetwork()
        : run.floatingIpPool();
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    String network = floatingNetwork();
    boolean reuse = Boolean.TRUE.equals(run.reuseIps());
    if (StepNovaKeyPair.blank(run.floatingIp()) && !reuse && StepNovaKeyPair.blank(network)) {
      ctx.ui().message("Floating IP not required");
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    OsState.FloatingIp ip = null;
    if (!StepNovaKeyPair.blank(run.floatingIp())) {
      try {
        JsonNode f =
            client
                .get(OsService.NETWORK, "/floatingips/" + enc(run.floatingIp()))
                .path("floatingip");
        if (f.path("port_id").isString() && !f.path("port_id").asString().isEmpty()) {
          throw new OsApiException(
              0,
              "provided floating IP '"
                  + run.floatingIp()
                  + "' is already associated with port '"
                  + f.path("port_id").asString()
                  + "'");
        }
        ip =
            new OsState.FloatingIp(
                f.path("id").asString(), f.path("floating_ip_address").asString(), false);
      } catch (OsApiException e) {
        throw new IllegalStateException(
            "Error using provided floating IP '" + run.floatingIp() + "': " + e.getMessage(), e);
      }
      ctx.ui().message("Selected floating IP: '" + ip.id() + "' (" + ip.address() + ")");
    } else if (reuse) {
      ctx.ui().say("Searching for unassociated floating IP");
      try {
        for (JsonNode f : client.get(OsService.NETWORK, "/floatingips").path("floatingips")) {
          if (!f.path("port_id").isString() || f.path("port_id").asString().isEmpty()) {
            ip =
                new OsState.FloatingIp(
                    f.path("id").asString(), f.path("floating_ip_address").asString(), false);
            break;
          }
        }
        if (ip == null) {
          throw new OsApiException(0, "no free floating IPs found");
        }
      } catch (OsApiException e) {
        throw new IllegalStateException("Error searching for floating IP: " + e.getMessage(), e);
      }
      ctx.ui().message("Selected floating IP: '" + ip.id() + "' (" + ip.address() + ")");
    } else {
      String networkId;
      try {
        networkId = externalNetwork(client, network);
      } catch (OsApiException e) {
        throw new IllegalStateException(
            "Error using the provided floating_ip_network: " + e.getMessage(), e);
      }
      ctx.ui().say("Creating floating IP using network " + networkId + " ...");
      NewIds before = NewIds.before(() -> inNetwork(client, networkId));
      ctx.resources().created(OsResources.floatingIp("in network " + networkId));
      lostNetwork = networkId;
      lost = before;
      try {
        JsonNode f =
            client
                .post(
                    OsService.NETWORK,
                    "/floatingips",
                    obj("floatingip", obj("floating_network_id", networkId)))
                .body()
                .path("floatingip");
        ip =
            new OsState.FloatingIp(
                f.path("id").asString(), f.path("floating_ip_address").asString(), true);
      } catch (OsApiException e) {
        throw new IllegalStateException(
            "Error creating floating IP from floating network '"
                + networkId
                + "': "
                + e.getMessage(),
            e);
      }
      lost = null;
      ctx.resources()
          .replace(
              OsResources.floatingIp("in network " + networkId),
              OsResources.floatingIp(ip.id()),
              null);
      ctx.ui().message("Created floating IP: '" + ip.id() + "' (" + ip.address() + ")");
    }
    state.put(OsState.FLOATING_IP, ip);
    ctx.ui()
        .say(
            "Associating floating IP '"
                + ip.id()
                + "' ("
                + ip.address()
                + ") with instance port...");
    String serverId = state.require(OsState.SERVER_ID);
    String port;
    try {
      port = portOf(client, serverId, run.instanceFloatingIpNet());
    } catch (OsApiException e) {
      throw new IllegalStateException(
          "Error getting interfaces of the instance '" + serverId + "': " + e.getMessage(), e);
    }
    try {
      client.put(
          OsService.NETWORK,
          "/floatingips/" + enc(ip.id()),
          obj("floatingip", obj("port_id", port)));
    } catch (OsApiException e) {
      throw new IllegalStateException(
          "Error associating floating IP '"
              + ip.id()
              + "' ("
              + ip.address()
              + ") with instance port '"
              + port
              + "': "
              + e.getMessage(),
          e);
    }
    ctx.ui().message("Added floating IP '" + ip.id() + "' (" + ip.address() + ") to instance!");
  }

  /** The server's port on {@code network} (instance_floating_ip_net), else its first. */
  private static String portOf(OsClient client, String serverId, String network) {
    JsonNode ports =
        client.get(OsService.NETWORK, "/ports?device_id=" + enc(serverId)).path("ports");
    if (ports.isEmpty()) {
      throw new OsApiException(0, "instance '" + serverId + "' has no interfaces");
    }
    for (JsonNode p : ports) {
      if (network != null && network.equals(p.path("network_id").asString())) {
        return p.path("id").asString();
      }
    }
    return ports.get(0).path("id").asString();
  }

  /** The external network {@code nameOrId}, by id or else by name. */
  private static String externalNetwork(OsClient client, String nameOrId) {
    for (JsonNode n : client.get(OsService.NETWORK, "/networks").path("networks")) {
      if (nameOrId.equals(n.path("id").asString()) || nameOrId.equals(n.path("name").asString())) {
        if (!n.path("router:external").asBoolean(false)) {
          throw new OsApiException(0, "network " + nameOrId + " is not external");
        }
        return n.path("id").asString();
      }
    }
    throw new OsApiException(0, "can't find external network " + nameOrId);
  }

  private static List<String> inNetwork(OsClient client, String networkId) {
    List<String> ids = new ArrayList<>();
    for (JsonNode f :
        client
            .get(OsService.NETWORK, "/floatingips?floating_network_id=" + enc(networkId))
            .path("floatingips")) {
      ids.add(f.path("id").asString());
    }
    return ids;
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    OsState.FloatingIp ip = state.find(OsState.FLOATING_IP).orElse(null);
    NewIds unknown = lost;
    if ((ip == null || !ip.temporary()) && unknown == null) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    var labels = new HashMap<String, String>();
    if (ip != null && ip.temporary()) {
      labels.put(ip.id(), ip.address());
    }
    if (unknown != null) {
      unknown.appeared().forEach(id -> labels.put(id, "?"));
    }
    boolean failed = false;
    for (var e : labels.entrySet()) {
      try {
        client.delete(OsService.NETWORK, "/floatingips/" + enc(e.getKey()));
      } catch (OsApiException ex) {
        if (!ex.notFound()) {
          ctx.ui()
              .error(
                  "Error deleting temporary floating IP '"
                      + e.getKey()
                      + "' ("
                      + e.getValue()
                      + ")");
          failed = true;
          continue;
        }
      }
      ctx.resources().deleted(OsResources.floatingIp(e.getKey()));
      ctx.ui().say("Deleted temporary floating IP '" + e.getKey() + "' (" + e.getValue() + ")");
    }
    if (!failed && lostNetwork != null) {
      ctx.resources().deleted(OsResources.floatingIp("in network " + lostNetwork));
    }
  }
}
