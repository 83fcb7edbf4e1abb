package dev.imagebake.fix;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code clean-image-name}: {@code clean_image_name} and {@code clean_ami_name} become {@code
 * clean_resource_name} in the strings of any builder and of its objects.
 */
final class CleanImageName extends BuilderFixer {
  @Override
  public String name() {
    return "clean-image-name";
  }

  @Override
  public String synopsis() {
    return "Replaces /clean_(image|ami)_name/ in builder configs with \"clean_resource_name\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of(
        "*amazon*",
        List.of("clean_ami_name"),
        "packer.googlecompute",
        List.of("clean_image_name"),
        "Azure*",
        List.of("clean_image_name"));
  }

  @Override
  boolean takes(String type) {
    return true;
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    for (Map.Entry<String, Object> e : builder.entrySet()) {
      if (e.getValue() instanceof String s) {
        e.setValue(CLEAN.matcher(s).replaceAll("clean_resource_name"));
      } else if (e.getValue() instanceof Map<?, ?> raw) {
        for (Map.Entry<String, Object> inner : GoDecode.map(raw).entrySet()) {
          if (inner.getValue() instanceof String s) {
            inner.setValue(CLEAN.matcher(s).replaceAll("clean_resource_name"));
          }
        }
      } else if (e.getKey().equals("image_labels")) {
        // Packer's fixer panics here.
        throw new FixException("image_labels is not an object: " + GoDecode.kind(e.getValue()));
      }
    }
  }

  private static final Pattern CLEAN = Pattern.compile("clean_(image|ami)_name");
}
