package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/** {@code hyperv-deprecations}: removes {@code vhd_temp_path} from {@code hyperv-iso} builders. */
final class HypervDeprecations extends BuilderFixer {
  @Override
  public String name() {
    return "hyperv-deprecations";
  }

  @Override
  public String synopsis() {
    return "Removes the deprecated \"vhd_temp_path\" setting from Hyper-V ISO builder templates";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("MSOpenTech.hyperv", List.of("vhd_temp_path"));
  }

  @Override
  boolean takes(String type) {
    return "hyperv-iso".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    builder.remove("vhd_temp_path");
  }
}
