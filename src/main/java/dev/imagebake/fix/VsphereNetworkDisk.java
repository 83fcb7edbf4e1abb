package dev.imagebake.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vsphere-iso-net-disk}: the network and disk keys of {@code vsphere-iso} builders move into
 * {@code network_adapters} and {@code storage}.
 */
final class VsphereNetworkDisk extends BuilderFixer {
  @Override
  public String name() {
    return "vsphere-iso-net-disk";
  }

  @Override
  public String synopsis() {
    return "Removes deprecated network and disk fields from \"vsphere-iso\" builder";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of(
        "jetbrains.vsphere",
        List.of(
            "network_card",
            "network",
            "networkCard",
            "disk_size",
            "disk_thin_provisioned",
            "disk_eagerly_scrub"));
  }

  @Override
  boolean takes(String type) {
    return "vsphere-iso".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    Map<String, Object> nic = new LinkedHashMap<>();
    move(builder, "network", nic, "network");
    // networkCard: when vSphere was a third-party plugin; network_card: after the merge.
    move(builder, "networkCard", nic, "network_card");
    move(builder, "network_card", nic, "network_card");
    prepend(builder, "network_adapters", nic);
    Map<String, Object> disk = new LinkedHashMap<>();
    for (String key : List.of("disk_size", "disk_thin_provisioned", "disk_eagerly_scrub")) {
      move(builder, key, disk, key);
    }
    prepend(builder, "storage", disk);
  }

  private static void move(
      Map<String, Object> from, String key, Map<String, Object> to, String newKey) {
    if (from.containsKey(key)) {
      to.put(newKey, from.remove(key));
    }
  }

  /** {@code entry} first, then the list already under {@code key}; nothing when it is empty. */
  private static void prepend(Map<String, Object> builder, String key, Map<String, Object> entry)
      throws FixException {
    if (entry.isEmpty()) {
      return;
    }
    List<Object> list = new ArrayList<>();
    list.add(entry);
    if (builder.containsKey(key)) {
      if (!(builder.get(key) instanceof List<?> existing)) {
        // Packer's fixer asserts a list here and crashes.
        throw new FixException(key + " is not a list: " + GoDecode.kind(builder.get(key)));
      }
      list.addAll(existing);
    }
    builder.put(key, list);
  }
}
