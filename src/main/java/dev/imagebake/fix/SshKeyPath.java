package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code sshkeypath}: a string {@code ssh_key_path} becomes {@code ssh_private_key_file} unless
 * that is set, in any builder.
 */
final class SshKeyPath extends BuilderFixer {
  @Override
  public String name() {
    return "sshkeypath";
  }

  @Override
  public String synopsis() {
    return "Updates builders using \"ssh_key_path\" to use \"ssh_private_key_file\"";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*", List.of("ssh_key_path"));
  }

  @Override
  boolean takes(String type) {
    return true;
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("ssh_key_path") instanceof String path) {
      builder.putIfAbsent("ssh_private_key_file", path);
      builder.remove("ssh_key_path");
    }
  }
}
