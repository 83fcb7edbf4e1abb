package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code amazon-private-ip}: {@code ssh_private_ip} becomes {@code ssh_interface} in Amazon
 * builders that have no {@code ssh_interface}.
 */
final class AmazonPrivateIp extends BuilderFixer {
  @Override
  public String name() {
    return "amazon-private-ip";
  }

  @Override
  public String synopsis() {
    return "Replaces `\"ssh_private_ip\": true` in amazon builders with `\"ssh_interface\": \"private_ip\"`";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*amazon*", List.of("ssh_private_ip"));
  }

  @Override
  boolean takes(String type) {
    return type != null && type.startsWith("amazon-");
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.containsKey("ssh_interface") || !builder.containsKey("ssh_private_ip")) {
      return;
    }
    Object raw = builder.get("ssh_private_ip");
    boolean privateIp;
    if (raw instanceof Boolean b) {
      privateIp = b;
    } else if (raw instanceof String s) {
      privateIp = GoBool.parseBool(s, "ssh_private_ip is not a boolean, ");
    } else {
      // Packer's fixer asserts a string here and crashes.
      throw new FixException("ssh_private_ip is not a boolean or a string: " + GoDecode.kind(raw));
    }
    builder.remove("ssh_private_ip");
    builder.put("ssh_interface", privateIp ? "private_ip" : "public_ip");
  }
}
