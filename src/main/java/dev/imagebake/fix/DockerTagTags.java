package dev.imagebake.fix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker-tag-tags}: {@code tag} and {@code tags} of a docker-tag post-processor become one
 * {@code tags} list without duplicates (set, possibly empty, on every docker-tag).
 */
final class DockerTagTags extends PostProcessorFixer {
  @Override
  public String name() {
    return "docker-tag-tags";
  }

  @Override
  public String synopsis() {
    return "Updates \"docker\" post-processor so any \"tag\" field is renamed to \"tags\".";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("packer.post-processor.docker-tag", List.of("tag"));
  }

  @Override
  String type() {
    return "docker-tag";
  }

  @Override
  void fixPostProcessor(Map<String, Object> pp) throws FixException {
    Set<String> tags = new LinkedHashSet<>();
    gather(pp.get("tag"), tags);
    gather(pp.get("tags"), tags);
    pp.remove("tag");
    pp.put("tags", new ArrayList<Object>(tags));
  }

  private static void gather(Object raw, Set<String> into) throws FixException {
    if (raw instanceof List<?> list) {
      for (Object tag : list) {
        if (!(tag instanceof String s)) {
          // Packer's fixer asserts a string here and crashes.
          throw new FixException("a docker-tag tag is not a string: " + GoDecode.kind(tag));
        }
        into.add(s);
      }
    } else if (raw instanceof String s) {
      for (String tag : s.split(",", -1)) {
        into.add(GoTrim.space(tag));
      }
    }
  }
}
