package dev.imagebake.fix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code virtualbox-rename}: {@code virtualbox} builders become {@code virtualbox-iso}, and so do
 * the {@code virtualbox} keys of provisioner overrides.
 */
final class VirtualBoxRename implements Fixer {
  @Override
  public String name() {
    return "virtualbox-rename";
  }

  @Override
  public String synopsis() {
    return "Updates \"virtualbox\" builders to \"virtualbox-iso\"";
  }

  @Override
  public void fix(Map<String, Object> template) throws FixException {
    // Packer weak-decodes the builders here, but iso-md5 has already rejected anything a weak
    // decode would change.
    List<Map<String, Object>> builders = GoDecode.decodeBuilders(template);
    if (builders != null && !builders.isEmpty()) {
      for (Map<String, Object> builder : builders) {
        if (builder != null && "virtualbox".equals(builder.get("type"))) {
          builder.put("type", "virtualbox-iso");
        }
      }
      template.put("builders", builders);
    }
    List<Object> provisioners = GoDecode.weakList(template, "Provisioners");
    for (int i = 0; i < provisioners.size(); i++) {
      Map<String, Object> p = GoDecode.copyOf(provisioners.get(i));
      if (p == null || !p.containsKey("override")) {
        continue;
      }
      Map<String, Object> override = weakMap(p.get("override"));
      if (override.containsKey("virtualbox")) {
        override.put("virtualbox-iso", override.remove("virtualbox"));
        p.put("override", override);
        provisioners.set(i, p);
      }
    }
    if (!provisioners.isEmpty()) {
      template.put("provisioners", provisioners);
    }
  }

  /** {@code WeakDecode(raw, &map[string]interface{})}: a copy, merging a list of maps. */
  private static Map<String, Object> weakMap(Object raw) throws FixException {
    Map<String, Object> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    if (raw instanceof Map<?, ?>) {
      out.putAll(GoDecode.map(raw));
      return out;
    }
    if (raw instanceof List<?> list) {
      for (Object e : list) {
        if (!(e instanceof Map<?, ?>)) {
          throw new FixException("'[0]' expected a map, got '" + GoDecode.kind(e) + "'");
        }
        out.putAll(GoDecode.map(e));
      }
      return out;
    }
    throw new FixException("'' expected a map, got '" + GoDecode.kind(raw) + "'");
  }
}
