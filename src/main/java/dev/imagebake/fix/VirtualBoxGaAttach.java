package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code virtualbox-gaattach}: a boolean {@code guest_additions_attach} of a {@code virtualbox}
 * builder becomes {@code guest_additions_mode}.
 */
final class VirtualBoxGaAttach extends BuilderFixer {
  @Override
  public String name() {
    return "virtualbox-gaattach";
  }

  @Override
  public String synopsis() {
    return "Updates VirtualBox builders using \"guest_additions_attach\" to use \"guest_additions_mode\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("mitchellh.virtualbox", List.of("guest_additions_attach"));
  }

  @Override
  boolean takes(String type) {
    return "virtualbox".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("guest_additions_attach") instanceof Boolean attach) {
      builder.remove("guest_additions_attach");
      builder.put("guest_additions_mode", attach ? "attach" : "upload");
    }
  }
}
