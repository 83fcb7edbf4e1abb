package dev.imagebake.provisioner.ansible;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The remote command lines, as Packer writes them (reference §6.5) but with paths quoted where they
 * need it and without the stray {@code -o IdentitiesOnly=yes} inside the first {@code
 * --extra-vars}.
 */
final class AnsibleCommands {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./+=:,@%-]+");

  private AnsibleCommands() {}

  /**
   * {@code cd <staging> && <command> <playbook> --extra-vars "packer_build_name=… …"
   * <extra_arguments> -c local -i <inventory>}. {@code command} and {@code extraArguments} are
   * shell text given by the user and go in unchanged.
   */
  static String playbook(
      String staging,
      String command,
      String playbook,
      String buildName,
      String builderType,
      String httpAddr,
      List<String> extraArguments,
      String inventory) {
    StringBuilder line = new StringBuilder();
    line.append("cd ").append(path(staging)).append(" && ").append(command);
    line.append(' ').append(path(playbook));
    line.append(" --extra-vars \"")
        .append(doubleQuoted("packer_build_name=" + kvValue(buildName)))
        .append(' ')
        .append(doubleQuoted("packer_builder_type=" + kvValue(builderType)))
        .append(' ')
        .append(doubleQuoted("packer_http_addr=" + kvValue(httpAddr)))
        .append('"');
    for (String argument : extraArguments) {
      line.append(' ').append(argument);
    }
    return line.append(" -c local -i ").append(path(inventory)).toString();
  }

  /** {@code cd <staging> && <galaxy_command> install -r <file> -p <staging>/roles}. */
  static String galaxy(String staging, String galaxyCommand, String galaxyFile, String rolesDir) {
    return "cd "
        + path(staging)
        + " && "
        + galaxyCommand
        + " install -r "
        + path(galaxyFile)
        + " -p "
        + path(rolesDir);
  }

  static String mkdir(String dir) {
    return "mkdir -p " + path(dir);
  }

  static String remove(String dir) {
    return "rm -rf " + path(dir);
  }

  /**
   * Runs {@code command} so that cancelling the build (which signals TERM to the session's shell)
   * stops ansible and everything it started, not only the shell: the command runs in the background
   * while the shell waits, and a TERM takes down the session's whole process group.
   */
  static String stoppable(String command) {
    return "trap 'trap - TERM; kill -TERM 0' TERM\n(" + command + "\n) &\nwait $!";
  }

  /**
   * A remote path as one shell word: plain paths as they are (so the echoed command reads like
   * Packer's), others single-quoted; a leading {@code ~/} stays unquoted so it still means the
   * remote home directory.
   */
  static String path(String path) {
    if (path.startsWith("~/")) {
      return "~/" + path(path.substring(2));
    }
    if (PLAIN.matcher(path).matches()) {
      return path;
    }
    return "'" + path.replace("'", "'\"'\"'") + "'";
  }

  /** {@code base/relative}, as Go's {@code filepath.Join} would join them. */
  static String join(String base, String relative) {
    String left = base.replaceAll("/+$", "");
    String right = relative.replaceAll("^/+", "");
    if (right.isEmpty()) {
      return left.isEmpty() ? "/" : left;
    }
    return left + "/" + right;
  }

  /** An Ansible {@code key=value} value: single-quoted when it holds spaces. */
  private static String kvValue(String value) {
    if (value.chars().anyMatch(Character::isWhitespace) && value.indexOf('\'') < 0) {
      return "'" + value + "'";
    }
    return value;
  }

  /** Escapes what is special inside a double-quoted shell word. */
  private static String doubleQuoted(String text) {
    return text.replaceAll("([\"\\\\$`])", "\\\\$1");
  }
}
