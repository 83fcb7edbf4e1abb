package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code galaxy-command}: {@code galaxycommand} becomes {@code galaxy_command} in ansible-local
 * provisioners.
 */
final class GalaxyCommand implements Fixer {
  @Override
  public String name() {
    return "galaxy-command";
  }

  @Override
  public String synopsis() {
    return "Replaces \"galaxycommand\" in ansible-local provisioner configs with \"galaxy_command\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("ansible", List.of("galaxycommand"));
  }

  @Override
  public void fix(Map<String, Object> template) {
    List<Object> provisioners = GoDecode.weakList(template, "Provisioners");
    for (int i = 0; i < provisioners.size(); i++) {
      Map<String, Object> p = GoDecode.copyOf(provisioners.get(i));
      if (p == null || !"ansible-local".equals(p.get("type"))) {
        continue;
      }
      if (p.containsKey("galaxy_command")) {
        p.remove("galaxycommand");
      } else if (p.get("galaxycommand") instanceof String command) {
        p.remove("galaxycommand");
        p.put("galaxy_command", command);
      } else {
        continue;
      }
      provisioners.set(i, p);
    }
    if (!provisioners.isEmpty()) {
      template.put("provisioners", provisioners);
    }
  }
}
