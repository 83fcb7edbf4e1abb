package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code sshdisableagent}: a boolean {@code ssh_disable_agent} becomes {@code
 * ssh_disable_agent_forwarding} unless that is set, in any builder.
 */
final class SshDisableAgent extends BuilderFixer {
  @Override
  public String name() {
    return "sshdisableagent";
  }

  @Override
  public String synopsis() {
    return "Updates builders using \"ssh_disable_agent\" to use \"ssh_disable_agent_forwarding\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*", List.of("ssh_disable_agent"));
  }

  @Override
  boolean takes(String type) {
    return true;
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("ssh_disable_agent") instanceof Boolean disable) {
      if (!builder.containsKey("ssh_disable_agent_forwarding")) {
        builder.put("ssh_disable_agent_forwarding", disable);
      }
      builder.remove("ssh_disable_agent");
    }
  }
}
