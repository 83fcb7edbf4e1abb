package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code scaleway-access-key}: a string {@code access_key} of a {@code scaleway} builder becomes
 * {@code organization_id} unless that is set.
 */
final class ScalewayAccessKey extends BuilderFixer {
  @Override
  public String name() {
    return "scaleway-access-key";
  }

  @Override
  public String synopsis() {
    return "Updates builders using \"access_key\" to use \"organization_id\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("hashicorp.scaleway", List.of("access_key"));
  }

  @Override
  boolean takes(String type) {
    return "scaleway".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("access_key") instanceof String key) {
      if (!builder.containsKey("organization_id")) {
        builder.put("organization_id", key);
      }
      builder.remove("access_key");
    }
  }
}
