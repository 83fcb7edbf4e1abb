package dev.imagebake.builder.qemu;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code iso_checksum} (Packer 1.6's go-getter syntax): {@code none}, {@code type:hex}, a
 * bare hex value whose type follows from its length, or {@code file:<path-or-url>} of a checksum
 * list (GNU {@code sha256sum} or BSD {@code SHA256 (name) = hex} lines).
 */
sealed interface IsoChecksum {
  /** JDK digest names by Packer's type names. */
  Map<String, String> ALGORITHMS =
      Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512");

  /** {@code none}: nothing is verified. */
  record None() implements IsoChecksum {}

  /** A known digest. */
  record Digest(String type, String hex) implements IsoChecksum {
    String algorithm() {
      return ALGORITHMS.get(type);
    }
  }

  /** Look the digest up in a checksum file by the downloaded file's name. */
  record FromFile(String location) implements IsoChecksum {}

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  static IsoChecksum parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("A checksum must be specified");
    }
    if (text.equalsIgnoreCase("none")) {
      return new None();
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return byLength(text, text);
    }
    String type = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = text.substring(colon + 1);
    if (type.equals("file")) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("Couldn't parse checksum \"" + text + "\": no file");
      }
      return new FromFile(value);
    }
    if (!ALGORITHMS.containsKey(type)) {
      throw new IllegalArgumentException(
          "Couldn't parse checksum \""
              + text
              + "\": unsupported checksum type \""
              + type
              + "\" (md5, sha1, sha256, sha512 or file)");
    }
    Digest digest = byLength(value, text);
    if (!digest.type().equals(type)) {
      throw new IllegalArgumentException(
          "Couldn't parse checksum \""
              + text
              + "\": a "
              + type
              + " checksum has "
              + hexLength(type)
              + " hex digits, this one "
              + value.length());
    }
    return digest;
  }

  /** The type a hex digest of this length has; error when it is not hex or of no known length. */
  static Digest byLength(String hex, String original) {
    String lower = hex.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || !lower.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "Couldn't parse checksum \"" + original + "\": not a hexadecimal value");
    }
    String type =
        switch (lower.length()) {
          case 32 -> "md5";
          case 40 -> "sha1";
          case 64 -> "sha256";
          case 128 -> "sha512";
          default ->
              throw new IllegalArgumentException(
                  "Couldn't parse checksum \""
                      + original
                      + "\": "
                      + lower.length()
                      + " hex digits match no checksum type (md5 32, sha1 40, sha256 64, sha512"
                      + " 128)");
        };
    HexFormat.of().parseHex(lower);
    return new Digest(type, lower);
  }

  private static int hexLength(String type) {
    return switch (type) {
      case "md5" -> 32;
      case "sha1" -> 40;
      case "sha256" -> 64;
      default -> 128;
    };
  }
}
