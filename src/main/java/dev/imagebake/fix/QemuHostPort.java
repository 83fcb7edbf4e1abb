package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code qemu-host-port}: {@code ssh_host_port_min}/{@code _max} become {@code
 * host_port_min}/{@code _max} in {@code qemu} builders.
 */
final class QemuHostPort extends BuilderFixer {
  @Override
  public String name() {
    return "qemu-host-port";
  }

  @Override
  public String synopsis() {
    return "Updates ssh_host_port_min and ssh_host_port_max to host_port_min and host_port_max";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("transcend.qemu", List.of("ssh_host_port_max", "ssh_host_port_min"));
  }

  @Override
  boolean takes(String type) {
    return "qemu".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.containsKey("ssh_host_port_min")) {
      builder.put("host_port_min", builder.remove("ssh_host_port_min"));
    }
    if (builder.containsKey("ssh_host_port_max")) {
      builder.put("host_port_max", builder.remove("ssh_host_port_max"));
    }
  }
}
