package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.StateBag;
import tools.jackson.databind.JsonNode;

/**
 * Where to connect (Packer's CommHost): the floating IP, else the server's addresses of {@code
 * ssh_ip_version} (floating ones first; {@code ssh_interface} names the network to take them from),
 * else its access IPv4/IPv6.
 */
final class ServerAddress {
  private ServerAddress() {}

  static ConnectTarget target(StateBag state, OsRunConfig run) {
    String key = state.find(OsState.KEY).map(OsState.SshKey::privateKeyPem).orElse(null);
    var ip = state.find(OsState.FLOATING_IP);
    if (ip.isPresent() && !ip.get().address().isEmpty()) {
      return new ConnectTarget(ip.get().address(), 0, key);
    }
    JsonNode server =
        StepRunSourceServer.get(state.require(OsState.CLIENT), state.require(OsState.SERVER_ID));
    if (server == null) {
      throw new IllegalStateException("the server is gone");
    }
    String version = run.sshIpVersion();
    String fixed = null;
    for (var network : server.path("addresses").properties()) {
      if (!StepNovaKeyPair.blank(run.sshInterface())
          && !run.sshInterface().equals(network.getKey())) {
        continue;
      }
      for (JsonNode a : network.getValue()) {
        String v = a.path("version").asString();
        if (version != null && !version.equals(v)) {
          continue;
        }
        String addr = a.path("addr").asString();
        if ("floating".equals(a.path("OS-EXT-IPS:type").asString())) {
          return new ConnectTarget(addr, 0, key);
        }
        if (fixed == null) {
          fixed = addr;
        }
      }
    }
    if (fixed == null) {
      String access =
          "6".equals(version)
              ? server.path("accessIPv6").asString()
              : server.path("accessIPv4").asString();
      if (access != null && !access.isEmpty()) {
        fixed = access;
      }
    }
    if (fixed == null) {
      throw new IllegalStateException("couldn't determine IP address for server");
    }
    return new ConnectTarget(fixed, 0, key);
  }
}
