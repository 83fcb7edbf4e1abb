package dev.imagebake.postprocessor.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/** The checksum types Packer knows, with the JDK algorithm behind each. */
enum ChecksumType {
  MD5("md5", "MD5"),
  SHA1("sha1", "SHA-1"),
  SHA224("sha224", "SHA-224"),
  SHA256("sha256", "SHA-256"),
  SHA384("sha384", "SHA-384"),
  SHA512("sha512", "SHA-512");

  private final String key;
  private final String algorithm;

  ChecksumType(String key, String algorithm) {
    this.key = key;
    this.algorithm = algorithm;
  }

  /** The name users write, e.g. {@code sha256}. */
  String key() {
    return key;
  }

  static Optional<ChecksumType> of(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
