package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code azure-exclude_from_latest}: {@code exlude_from_latest} becomes {@code exclude_from_latest}
 * in the shared image destination of {@code azure-chroot} builders.
 */
final class AzureExcludeFromLatest extends BuilderFixer {
  @Override
  public String name() {
    return "azure-exclude_from_latest";
  }

  @Override
  public String synopsis() {
    return "Changes \"exlude_from_latest\" to \"exclude_from_latest\" in Azure builders.";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("Azure*", List.of("exlude_from_latest"));
  }

  @Override
  boolean takes(String type) {
    return type != null && type.startsWith("azure-chroot");
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("shared_image_destination") instanceof Map<?, ?> raw) {
      Map<String, Object> destination = GoDecode.map(raw);
      if (destination.containsKey("exlude_from_latest")) {
        destination.put("exclude_from_latest", destination.remove("exlude_from_latest"));
      }
    }
  }
}
