package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/** {@code iso-md5}: {@code iso_md5} becomes {@code iso_checksum} with type md5, in any builder. */
final class IsoMd5 extends BuilderFixer {
  @Override
  public String name() {
    return "iso-md5";
  }

  @Override
  public String synopsis() {
    return "Replaces \"iso_md5\" in builders with \"iso_checksum\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*", List.of("iso_md5"));
  }

  @Override
  boolean takes(String type) {
    return true;
  }

  @Override
  void fixBuilder(Map<String, Object> builder) {
    String md5 = GoDecode.string(builder.get("iso_md5"));
    if (md5 != null) {
      builder.remove("iso_md5");
      builder.put("iso_checksum", md5);
      builder.put("iso_checksum_type", "md5");
    }
  }
}
