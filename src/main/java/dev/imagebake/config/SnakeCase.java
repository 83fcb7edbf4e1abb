package dev.imagebake.config;

/** Java component names to JSON keys: {@code sshPrivateKeyFile} → {@code ssh_private_key_file}. */
final class SnakeCase {
  private SnakeCase() {}

  static String of(String camel) {
    StringBuilder s = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0) {
          s.append('_');
        }
        s.append(Character.toLowerCase(ch));
      } else {
        s.append(ch);
      }
    }
    return s.toString();
  }
}
