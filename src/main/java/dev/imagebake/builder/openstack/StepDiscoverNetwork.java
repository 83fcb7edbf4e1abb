package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Packer's {@code StepDiscoverNetwork}: with network_discovery_cidrs and neither networks nor
 * ports, the server is attached to the network of the first Neutron subnet (in Neutron's order)
 * that lies within one of the CIDRs. Produces {@link OsState#DISCOVERED_NETWORK}.
 */
final class StepDiscoverNetwork implements Step {
  private final OsRunConfig run;

  StepDiscoverNetwork(OsRunConfig run) {
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    List<String> cidrs = run.networkDiscoveryCidrs();
    boolean attached =
        (run.networks() != null && !run.networks().isEmpty())
            || (run.ports() != null && !run.ports().isEmpty());
    if (attached || cidrs == null || cidrs.isEmpty()) {
      return;
    }
    ctx.ui().say("Discovering provisioning network...");
    OsClient client = state.require(OsState.CLIENT);
    JsonNode subnets;
    try {
      subnets = client.get(OsService.NETWORK, "/subnets").path("subnets");
    } catch (OsApiException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    for (JsonNode subnet : subnets) {
      String text = subnet.path("cidr").asString("");
      Cidr tenant = Cidr.parse(text).orElseThrow(() -> invalid(text));
      for (String candidate : cidrs) {
        if (Cidr.parse(candidate).orElseThrow(() -> invalid(candidate)).contains(tenant)) {
          String network = subnet.path("network_id").asString();
          ctx.ui().message("Found network ID: " + network);
          state.put(OsState.DISCOVERED_NETWORK, network);
          return;
        }
      }
    }
    throw new IllegalStateException("failed to discover a provisioning network");
  }

  /** Go's net.ParseCIDR error, which Packer passes on. */
  static IllegalStateException invalid(String cidr) {
    return new IllegalStateException("invalid CIDR address: " + cidr);
  }
}
