package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code amazon-enhanced-networking}: a boolean {@code enhanced_networking} becomes {@code
 * ena_support} in Amazon builders.
 */
final class AmazonEnhancedNetworking extends BuilderFixer {
  @Override
  public String name() {
    return "amazon-enhanced-networking";
  }

  @Override
  public String synopsis() {
    return "Replaces \"enhanced_networking\" in builders with \"ena_support\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*amazon*", List.of("enhanced_networking"));
  }

  @Override
  boolean takes(String type) {
    return type != null && type.startsWith("amazon-");
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("enhanced_networking") instanceof Boolean ena) {
      builder.remove("enhanced_networking");
      builder.put("ena_support", ena);
    }
  }
}
