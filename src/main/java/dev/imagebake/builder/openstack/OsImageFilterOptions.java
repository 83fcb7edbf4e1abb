package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.config.Doc;
import java.util.List;
import java.util.Map;

/** The Glance filters of {@code source_image_filter}. */
public record OsImageFilterOptions(
    @Doc("Image name.") String name,
    @Doc("Owner (project id).") String owner,
    @Doc("Tags the image must all have.") List<String> tags,
    @Doc("Visibility: public, private, shared or community.") String visibility,
    @Doc("Properties the image must have.") Map<String, String> properties) {

  boolean empty() {
    return blank(name)
        && blank(owner)
        && (tags == null || tags.isEmpty())
        && blank(visibility)
        && (properties == null || properties.isEmpty());
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
