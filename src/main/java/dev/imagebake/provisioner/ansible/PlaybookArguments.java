package dev.imagebake.provisioner.ansible;

import java.util.ArrayList;
import java.util.List;

/** Packer 1.6.6's {@code createCmdArgs}: ansible-playbook's arguments, in Packer's order. */
final class PlaybookArguments {
  static final String HTTP_ADDR_NOT_IMPLEMENTED = "ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER";

  private PlaybookArguments() {}

  /**
   * @param connType the communicator type (build data {@code ConnType})
   * @param privateKeyFile the key Ansible logs in with, or empty
   */
  static List<String> of(
      AnsibleConfig config,
      String buildName,
      String builderType,
      String httpAddr,
      String connType,
      String privateKeyFile,
      List<String> envVars,
      String inventory,
      String playbook) {
    List<String> args = new ArrayList<>();
    if (buildName != null && !buildName.isEmpty()) {
      args.add("-e");
      args.add("packer_build_name=" + goQuote(buildName));
    }
    args.add("-e");
    args.add("packer_builder_type=" + builderType);
    if (httpAddr != null && !httpAddr.equals(HTTP_ADDR_NOT_IMPLEMENTED)) {
      args.add("-e");
      args.add("packer_http_addr=" + httpAddr);
    }
    if ("ssh".equals(connType) && !privateKeyFile.isEmpty()) {
      List<String> extra = AnsibleConfig.orEmpty(config.ansibleSshExtraArgs());
      args.add("--ssh-extra-args");
      args.add(extra.isEmpty() ? "'-o IdentitiesOnly=yes'" : "'" + String.join("", extra) + "'");
    }
    args.addAll(AnsibleConfig.orEmpty(config.extraArguments()));
    if (!has("ansible_password", args) && !privateKeyFile.isEmpty()) {
      args.add("-e");
      args.add("ansible_ssh_private_key_file=" + privateKeyFile);
    }
    if (has("ansible_password", args) && "ssh".equals(connType)) {
      if (!has("ansible_host_key_checking", args) && !has("ANSIBLE_HOST_KEY_CHECKING", envVars)) {
        args.add("-e");
        args.add("ansible_host_key_checking=False");
      }
    }
    args.add("-i");
    args.add(inventory);
    args.add(playbook);
    return args;
  }

  /** Packer's {@code checkArg}: {@code name} is one of the {@code =}-separated parts of an arg. */
  static boolean has(String name, List<String> args) {
    for (String arg : args) {
      for (String part : arg.split("=", -1)) {
        if (part.equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Go's {@code %q} of a string of printable characters: double quotes, escaped. */
  static String goQuote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
