package dev.imagebake.provisioner.ansible;

/**
 * Undoes the POSIX shell quoting Ansible puts around scp's path (Packer's adapter: {@code
 * shlex.Split}, the words joined without separator).
 */
final class ShellWords {
  private ShellWords() {}

  static String join(String quoted) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          out.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < quoted.length()
            && "\"\\$`".indexOf(quoted.charAt(i + 1)) >= 0) {
          out.append(quoted.charAt(++i));
        } else {
          out.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\' && i + 1 < quoted.length()) {
        out.append(quoted.charAt(++i));
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
