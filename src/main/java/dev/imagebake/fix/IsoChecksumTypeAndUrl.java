package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code iso-checksum-type-and-url}: {@code iso_checksum_url} and {@code iso_checksum_type} are
 * folded into {@code iso_checksum}, in any builder.
 */
final class IsoChecksumTypeAndUrl extends BuilderFixer {
  @Override
  public String name() {
    return "iso-checksum-type-and-url";
  }

  @Override
  public String synopsis() {
    return "Puts content of potential \"iso_checksum_url\" and \"iso_checksum_url\" in \"iso_checksum\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*", List.of("iso_checksum_url", "iso_checksum_type"));
  }

  @Override
  boolean takes(String type) {
    return true;
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    String url = text(builder.get("iso_checksum_url"));
    String type = text(builder.get("iso_checksum_type"));
    String checksum = text(builder.get("iso_checksum"));
    builder.remove("iso_checksum_url");
    builder.remove("iso_checksum_type");
    if (checksum.isEmpty() && url.isEmpty()) {
      return;
    }
    if (!url.isEmpty()) {
      checksum = "file:" + url;
    } else if (!type.isEmpty()) {
      checksum = type + ":" + checksum;
    }
    builder.put("iso_checksum", checksum);
  }

  /** Packer's {@code stringValue}: the string, or empty for anything else. */
  private static String text(Object v) {
    return v instanceof String s ? s : "";
  }
}
