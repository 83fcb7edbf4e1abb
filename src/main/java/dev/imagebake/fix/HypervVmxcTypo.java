package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code hyperv-vmxc-typo}: {@code clone_from_vmxc_path} becomes {@code clone_from_vmcx_path} in
 * {@code hyperv-vmcx} builders.
 */
final class HypervVmxcTypo extends BuilderFixer {
  @Override
  public String name() {
    return "hyperv-vmxc-typo";
  }

  @Override
  public String synopsis() {
    return "Fixes a typo replacing \"clone_from_vmxc_path\" with \"clone_from_vmcx_path\" in Hyper-V VMCX builder templates";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("MSOpenTech.hyperv", List.of("clone_from_vmxc_path"));
  }

  @Override
  boolean takes(String type) {
    return "hyperv-vmcx".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.containsKey("clone_from_vmxc_path")) {
      builder.put("clone_from_vmcx_path", builder.remove("clone_from_vmxc_path"));
    }
  }
}
