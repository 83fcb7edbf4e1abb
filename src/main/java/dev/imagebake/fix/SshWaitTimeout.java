package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code ssh-wait-timeout}: {@code ssh_wait_timeout} becomes {@code ssh_timeout} in any builder.
 */
final class SshWaitTimeout implements Fixer {
  @Override
  public String name() {
    return "ssh-wait-timeout";
  }

  @Override
  public String synopsis() {
    return "Replaces \"ssh_wait_timeout\" with \"ssh_timeout\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*", List.of("ssh_wait_timeout"));
  }

  @Override
  public void fix(Map<String, Object> template) {
    List<Object> builders = GoDecode.weakList(template, "Builders");
    for (int i = 0; i < builders.size(); i++) {
      Map<String, Object> b = GoDecode.copyOf(builders.get(i));
      if (b == null) {
        continue;
      }
      if (b.containsKey("ssh_timeout")) {
        b.remove("ssh_wait_timeout");
      } else if (b.get("ssh_wait_timeout") instanceof String timeout) {
        b.remove("ssh_wait_timeout");
        b.put("ssh_timeout", timeout);
      } else {
        continue;
      }
      builders.set(i, b);
    }
    if (!builders.isEmpty()) {
      template.put("builders", builders);
    }
  }
}
