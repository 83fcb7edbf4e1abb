package dev.imagebake.fix;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code createtime}: {@code {{.CreateTime}}} becomes {@code {{timestamp}}} in three name keys of
 * any builder.
 */
final class CreateTime extends BuilderFixer {
  @Override
  public String name() {
    return "createtime";
  }

  @Override
  public String synopsis() {
    return "Replaces \".CreateTime\" in builder configs with \"{{timestamp}}\"";
  }

  @Override
  boolean takes(String type) {
    return true;
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    for (String key : List.of("ami_name", "bundle_prefix", "snapshot_name")) {
      if (builder.get(key) instanceof String v) {
        builder.put(key, CREATE_TIME.matcher(v).replaceAll("{{timestamp}}"));
      }
    }
  }

  // Go's \s is [\t\n\f\r ], without Java's vertical tab.
  private static final Pattern CREATE_TIME =
      Pattern.compile("\\{\\{[\\t\\n\\f\\r ]*\\.CreateTime[\\t\\n\\f\\r ]*}}");
}
