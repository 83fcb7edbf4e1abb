package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code hyperv-cpu-and-ram}: {@code cpu} becomes {@code cpus} and {@code ram_size} becomes {@code
 * memory} in Hyper-V builders.
 */
final class HypervCpuAndRam extends BuilderFixer {
  @Override
  public String name() {
    return "hyperv-cpu-and-ram";
  }

  @Override
  public String synopsis() {
    return "Replaces \"cpu\" with \"cpus\" and \"ram_size\" with \"memory\"in Hyper-V VMCX builder templates";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("MSOpenTech.hyperv", List.of("cpu", "ram_size"));
  }

  @Override
  boolean takes(String type) {
    return "hyperv-vmcx".equals(type) || "hyperv-iso".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.containsKey("cpu")) {
      builder.put("cpus", builder.remove("cpu"));
    }
    if (builder.containsKey("ram_size")) {
      builder.put("memory", builder.remove("ram_size"));
    }
  }
}
