package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/** {@code parallels-headless}: removes {@code headless} from Parallels builders. */
final class ParallelsHeadless extends BuilderFixer {
  @Override
  public String name() {
    return "parallels-headless";
  }

  @Override
  public String synopsis() {
    return "Removes unused \"headless\" from Parallels builders";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("packer.parallels", List.of("headless"));
  }

  @Override
  boolean takes(String type) {
    return "parallels-iso".equals(type) || "parallels-pvm".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    builder.remove("headless");
  }
}
