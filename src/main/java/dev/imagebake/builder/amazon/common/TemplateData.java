package dev.imagebake.builder.amazon.common;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/** What {@code {{ .SourceAMI }}} and friends resolve to (reference §2.7). */
public record TemplateData(
    String buildRegion,
    String sourceAmi,
    String sourceAmiName,
    String sourceAmiCreationDate,
    String sourceAmiOwner,
    String sourceAmiOwnerName,
    Map<String, String> sourceAmiTags) {

  public static TemplateData of(String region, Image image) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : image.tags()) {
      tags.put(t.key(), t.value());
    }
    return new TemplateData(
        region,
        image.imageId(),
        nz(image.name()),
        nz(image.creationDate()),
        nz(image.ownerId()),
        nz(image.imageOwnerAlias()),
        Map.copyOf(tags));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** The {@code {{ .X }}} fields. */
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>(generated());
    f.put("SourceAMITags", sourceAmiTags);
    return f;
  }

  /** The builder's generated data ({@code {{build `SourceAMI`}}}, manifest). */
  public Map<String, String> generated() {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("BuildRegion", buildRegion);
    g.put("SourceAMI", sourceAmi);
    g.put("SourceAMIName", sourceAmiName);
    g.put("SourceAMICreationDate", sourceAmiCreationDate);
    g.put("SourceAMIOwner", sourceAmiOwner);
    g.put("SourceAMIOwnerName", sourceAmiOwnerName);
    return g;
  }
}
