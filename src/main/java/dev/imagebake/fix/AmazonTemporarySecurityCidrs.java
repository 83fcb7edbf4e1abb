package dev.imagebake.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code amazon-temp-sec-cidrs}: a string {@code temporary_security_group_source_cidr} becomes a
 * one-element {@code temporary_security_group_source_cidrs} in Amazon builders.
 */
final class AmazonTemporarySecurityCidrs extends BuilderFixer {
  @Override
  public String name() {
    return "amazon-temp-sec-cidrs";
  }

  @Override
  public String synopsis() {
    return "Replaces \"temporary_security_group_source_cidr\" (string) with \"temporary_security_group_source_cidrs\" (list of strings)";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*amazon*", List.of("temporary_security_group_source_cidr"));
  }

  @Override
  boolean takes(String type) {
    return type != null && type.startsWith("amazon-");
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("temporary_security_group_source_cidr") instanceof String cidr) {
      builder.remove("temporary_security_group_source_cidr");
      builder.put("temporary_security_group_source_cidrs", new ArrayList<Object>(List.of(cidr)));
    }
  }
}
