package dev.imagebake.fix;

import java.util.Map;

/** {@code proxmox-type}: {@code proxmox} builders become {@code proxmox-iso}. */
final class ProxmoxType extends BuilderFixer {
  @Override
  public String name() {
    return "proxmox-type";
  }

  @Override
  public String synopsis() {
    return "Updates the builder type proxmox to proxmox-iso";
  }

  @Override
  boolean takes(String type) {
    return "proxmox".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    builder.put("type", "proxmox-iso");
  }
}
