package dev.imagebake.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code powershell-escapes}: removes PowerShell's backtick escapes from the elevated user and
 * password and the environment variables of powershell provisioners.
 */
final class PowerShellEscapes implements Fixer {
  @Override
  public String name() {
    return "powershell-escapes";
  }

  @Override
  public String synopsis() {
    return "Removes PowerShell escapes from user env vars and elevated username and password"
        + " strings";
  }

  @Override
  public void fix(Map<String, Object> template) throws FixException {
    List<Object> provisioners = GoDecode.weakList(template, "Provisioners");
    for (int i = 0; i < provisioners.size(); i++) {
      // Changed on a copy, written back only at the end: as Packer, a provisioner whose
      // environment_vars are not a list of strings keeps its escapes everywhere.
      Map<String, Object> p = GoDecode.copyOf(provisioners.get(i));
      if (p == null || !"powershell".equals(p.get("type"))) {
        continue;
      }
      for (String key : List.of("elevated_user", "elevated_password")) {
        if (p.containsKey(key)) {
          if (!(p.get(key) instanceof String s)) {
            // Packer's fixer asserts a string here and crashes.
            throw new FixException(key + " is not a string: " + GoDecode.kind(p.get(key)));
          }
          p.put(key, unescape(s));
        }
      }
      if (p.containsKey("environment_vars")) {
        if (!(p.get("environment_vars") instanceof List<?> vars)
            || vars.stream().anyMatch(v -> !(v instanceof String))) {
          continue;
        }
        List<Object> unescaped = new ArrayList<>();
        vars.forEach(v -> unescaped.add(unescape((String) v)));
        p.put("environment_vars", unescaped);
      }
      provisioners.set(i, p);
    }
    if (!provisioners.isEmpty()) {
      template.put("provisioners", provisioners);
    }
  }

  /** Go's {@code strings.NewReplacer}: one left-to-right pass, first match wins. */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`' && i + 1 < s.length() && "$\"`'".indexOf(s.charAt(i + 1)) >= 0) {
        out.append(s.charAt(i + 1));
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
