package dev.imagebake.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks {@code ssh_host_key}: a public key as written in known_hosts or {@code *.pub} ({@code
 * ssh-ed25519 AAAA... [comment]}, optionally after host names), or a SHA256 fingerprint ({@code
 * SHA256:base64}) as {@code ssh-keygen -l} prints it.
 */
final class HostKeySpec {
  private HostKeySpec() {}

  static Optional<String> problem(String spec) {
    String s = spec.strip();
    if (s.startsWith("SHA256:")) {
      String b64 = s.substring("SHA256:".length());
      try {
        byte[] digest = Base64.getDecoder().decode(padded(b64));
        return digest.length == 32
            ? Optional.empty()
            : Optional.of("a SHA256 fingerprint has 32 bytes, this one has " + digest.length);
      } catch (IllegalArgumentException e) {
        return Optional.of("the SHA256 fingerprint is not valid base64");
      }
    }
    String[] fields = s.split("\\s+");
    for (int i = 0; i + 1 < fields.length; i++) {
      if (isKeyType(fields[i])) {
        return blobProblem(fields[i], fields[i + 1]);
      }
    }
    return Optional.of(
        "expected a public key such as 'ssh-ed25519 AAAA...' or a fingerprint such as"
            + " 'SHA256:...'");
  }

  private static boolean isKeyType(String field) {
    return field.startsWith("ssh-")
        || field.startsWith("ecdsa-sha2-")
        || field.startsWith("sk-ssh-")
        || field.startsWith("sk-ecdsa-");
  }

  private static Optional<String> blobProblem(String type, String blob) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(blob));
      byte[] name = new byte[bytes.getInt()];
      bytes.get(name);
      String inner = new String(name, StandardCharsets.US_ASCII);
      return inner.equals(type)
          ? Optional.empty()
          : Optional.of("the key data is for " + inner + ", not " + type);
    } catch (RuntimeException e) {
      return Optional.of("the key data of the " + type + " key is not valid");
    }
  }

  private static String padded(String b64) {
    return b64 + "=".repeat((4 - b64.length() % 4) % 4);
  }
}
