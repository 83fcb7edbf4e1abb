package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.BuildContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;

/**
 * Ansible prints variables in JSON ({@code "db_password": "p4ss\\w0rd"}), where a secret holding a
 * backslash, a quote or a control character no longer reads as itself, so the build's masking would
 * miss it. This finds the secrets inside the extra arguments (the parts {@link BuildContext#mask}
 * hides) and registers their JSON-escaped forms as secrets too.
 */
final class EscapedSecrets {
  private static final String MASK = "<sensitive>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private EscapedSecrets() {}

  static void register(BuildContext ctx, List<String> arguments) {
    for (String argument : arguments) {
      for (String secret : secretsIn(argument, ctx.mask(argument))) {
        String quoted = JSON.writeValueAsString(secret);
        String escaped = quoted.substring(1, quoted.length() - 1);
        if (!escaped.equals(secret)) {
          ctx.addSecret(escaped);
        }
      }
    }
  }

  /**
   * The texts of {@code text} that became {@code <sensitive>} in {@code masked}: the literal parts
   * of the masked text are matched back against the original.
   */
  static List<String> secretsIn(String text, String masked) {
    if (masked.equals(text) || !masked.contains(MASK)) {
      return List.of();
    }
    String[] literals = masked.split(Pattern.quote(MASK), -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
    for (int i = 1; i < literals.length; i++) {
      regex.append("(.+?)").append(Pattern.quote(literals[i]));
    }
    Matcher m = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text);
    List<String> secrets = new ArrayList<>();
    if (m.matches()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        secrets.add(m.group(g));
      }
    }
    return secrets;
  }
}
