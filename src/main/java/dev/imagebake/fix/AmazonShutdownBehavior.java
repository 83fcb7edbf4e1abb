package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code amazon-shutdown_behavior}: {@code shutdown_behaviour} becomes {@code shutdown_behavior} in
 * Amazon builders.
 */
final class AmazonShutdownBehavior extends BuilderFixer {
  @Override
  public String name() {
    return "amazon-shutdown_behavior";
  }

  @Override
  public String synopsis() {
    return "Changes \"shutdown_behaviour\" to \"shutdown_behavior\" in Amazon builders.";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*amazon*", List.of("shutdown_behaviour"));
  }

  @Override
  boolean takes(String type) {
    return type != null && type.startsWith("amazon-");
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.containsKey("shutdown_behaviour")) {
      builder.put("shutdown_behavior", builder.remove("shutdown_behaviour"));
    }
  }
}
