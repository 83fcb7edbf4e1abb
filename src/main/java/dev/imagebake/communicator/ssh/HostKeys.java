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
   * Parses {@code ssh_host_key}: a public key as written in known_hosts or {@code *.pub} ({@code
   * ssh-ed25519 AAAA... [comment]}, optionally after host names), or a SHA256 fingerprint ({@code
   * SHA256:base64}) as {@code ssh-keygen -l} prints it.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static HostKeyPolicy.Pinned parsePin(String text) {
    String s = text.strip();
    if (s.startsWith("SHA256:")) {
      String b64 = s.substring("SHA256:".length()).replaceAll("=+$", "");
      byte[] digest;
      try {
        digest = Base64.getDecoder().decode(b64 + "=".repeat((4 - b64.length() % 4) % 4));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the SHA256 fingerprint is not valid base64");
      }
      if (digest.length != 32) {
        throw new IllegalArgumentException(
            "a SHA256 fingerprint has 32 bytes, this one has " + digest.length);
      }
      return new HostKeyPolicy.Pinned("SHA256:" + b64, null);
    }
    String[] fields = s.split("\\s+");
    for (int i = 0; i + 1 < fields.length; i++) {
      String type = fields[i];
      if (isKeyType(type)) {
        return new HostKeyPolicy.Pinned(fingerprint(blob(type, fields[i + 1])), type);
      }
    }
    throw new IllegalArgumentException(
        "expected a public key such as 'ssh-ed25519 AAAA...' or a fingerprint such as"
            + " 'SHA256:...'");
  }

  private static boolean isKeyType(String field) {
    return field.startsWith("ssh-")
        || field.startsWith("ecdsa-sha2-")
        || field.startsWith("sk-ssh-")
        || field.startsWith("sk-ecdsa-");
  }

  /** The key blob of a {@code type} key written as {@code base64}, whose type it must embed. */
  private static byte[] blob(String type, String base64) {
    String inner;
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64);
      ByteBuffer bytes = ByteBuffer.wrap(blob);
      byte[] name = new byte[bytes.getInt()];
      bytes.get(name);
      inner = new String(name, StandardCharsets.US_ASCII);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the key data of the " + type + " key is not valid");
    }
    if (!inner.equals(type)) {
      throw new IllegalArgumentException("the key data is for " + inner + ", not " + type);
    }
    return blob;
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
