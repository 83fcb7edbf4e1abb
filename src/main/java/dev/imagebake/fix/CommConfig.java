package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code comm-config}: {@code ssh_host_port_min}, {@code ssh_host_port_max} and {@code
 * ssh_skip_nat_mapping} lose their {@code ssh_} prefix in VirtualBox builders (and are dropped when
 * the new key is already there).
 */
final class CommConfig implements Fixer {
  @Override
  public String name() {
    return "comm-config";
  }

  @Override
  public String synopsis() {
    return "Remove ssh prefixes from communicator port forwarding configuration (host_port_min,"
        + " host_port_max, skip_nat_mapping)";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*", List.of("ssh_host_port_min", "ssh_host_port_max", "ssh_skip_nat_mapping"));
  }

  @Override
  public void fix(Map<String, Object> template) throws FixException {
    List<Object> builders = GoDecode.weakList(template, "Builders");
    for (int i = 0; i < builders.size(); i++) {
      Map<String, Object> b = GoDecode.copyOf(builders.get(i));
      if (b == null) {
        continue;
      }
      if (!(b.get("type") instanceof String type)) {
        // Packer's fixer asserts a string type here and crashes ("interface conversion").
        throw new FixException("builder " + (i + 1) + " has no type");
      }
      if (!type.startsWith("virtualbox")) {
        continue;
      }
      rename(b, "ssh_host_port_min", "host_port_min");
      rename(b, "ssh_host_port_max", "host_port_max");
      if (b.containsKey("skip_nat_mapping")) {
        b.remove("ssh_skip_nat_mapping");
      } else if (b.get("ssh_skip_nat_mapping") instanceof Boolean skip) {
        b.remove("ssh_skip_nat_mapping");
        b.put("skip_nat_mapping", skip);
      }
      builders.set(i, b);
    }
    if (!builders.isEmpty()) {
      template.put("builders", builders);
    }
  }

  private static void rename(Map<String, Object> b, String old, String key) {
    if (b.containsKey(key)) {
      b.remove(old);
    } else if (b.containsKey(old)) {
      b.put(key, b.remove(old));
    }
  }
}
