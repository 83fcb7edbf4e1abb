package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code parallels-deprecations}: removes {@code parallels_tools_host_path} and renames {@code
 * guest_os_distribution} in Parallels builders.
 */
final class ParallelsDeprecations extends BuilderFixer {
  @Override
  public String name() {
    return "parallels-deprecations";
  }

  @Override
  public String synopsis() {
    return "Removes deprecated \"parallels_tools_host_path\" from Parallels builders and changes \"guest_os_distribution\" to \"guest_os_type\".";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of(
        "packer.parallels", List.of("parallels_tools_host_path", "guest_os_distribution"));
  }

  @Override
  boolean takes(String type) {
    return "parallels-iso".equals(type) || "parallels-pvm".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    builder.remove("parallels_tools_host_path");
    if (builder.containsKey("guest_os_distribution")) {
      builder.put("guest_os_type", builder.remove("guest_os_distribution"));
    }
  }
}
