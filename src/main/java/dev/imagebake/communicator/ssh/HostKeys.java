package dev.imagebake.communicator.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;

/** Host key fingerprints and {@code ssh_host_key} parsing. */
final class HostKeys {
  private HostKeys() {}

  /** OpenSSH's {@code SHA256:<unpadded base64>} fingerprint of {@code key}. */
  static String fingerprint(PublicKey key) {
    return fingerprint(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
  }

  static String fingerprint(byte[] keyBlob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Parses {@code ssh_host_key}: a {@code SHA256:...} fingerprint, or a public key line as in
   * known_hosts or a {@code .pub} file ({@code [hosts] type base64 [comment]}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static HostKeyPolicy.Pinned parsePin(String text) {
    String trimmed = text.trim();
    if (trimmed.regionMatches(true, 0, "SHA256:", 0, 7)) {
      String b64 = trimmed.substring(7).replaceAll("=+$", "");
      if (b64.isEmpty() || !b64.matches("[A-Za-z0-9+/]+")) {
        throw new IllegalArgumentException("ssh_host_key: invalid SHA256 fingerprint: " + trimmed);
      }
      return new HostKeyPolicy.Pinned("SHA256:" + b64, null);
    }
    String[] tokens = trimmed.split("\\s+");
    for (int i = 0; i + 1 < tokens.length; i++) {
      Optional<byte[]> blob = keyBlob(tokens[i], tokens[i + 1]);
      if (blob.isPresent()) {
        return new HostKeyPolicy.Pinned(fingerprint(blob.get()), tokens[i]);
      }
    }
    throw new IllegalArgumentException(
        "ssh_host_key must be a public key like 'ssh-ed25519 AAAA...' or a 'SHA256:...'"
            + " fingerprint");
  }

  /** The key blob of {@code base64} when it decodes to a key of type {@code type}. */
  static Optional<byte[]> keyBlob(String type, String base64) {
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    // A key blob starts with its type as an SSH string: uint32 length, then the name.
    if (blob.length < 4) {
      return Optional.empty();
    }
    int length = ByteBuffer.wrap(blob, 0, 4).getInt();
    if (length != type.length() || blob.length < 4 + length) {
      return Optional.empty();
    }
    String embedded = new String(blob, 4, length, StandardCharsets.US_ASCII);
    return embedded.equals(type) ? Optional.of(blob) : Optional.empty();
  }
}
