package dev.imagebake.fix;

import java.util.Map;

/** {@code vmware-rename}: {@code vmware} builders become {@code vmware-iso}. */
final class VmwareRename extends BuilderFixer {
  @Override
  public String name() {
    return "vmware-rename";
  }

  @Override
  public String synopsis() {
    return "Updates \"vmware\" builders to \"vmware-iso\"";
  }

  @Override
  boolean takes(String type) {
    return "vmware".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    builder.put("type", "vmware-iso");
  }
}
