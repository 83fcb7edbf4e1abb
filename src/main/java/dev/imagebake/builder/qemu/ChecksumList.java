package dev.imagebake.builder.qemu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checksum file such as {@code SHA256SUMS}: GNU lines ({@code <hex> name} or {@code <hex> *name})
 * or BSD lines ({@code SHA256 (name) = <hex>}).
 */
final class ChecksumList {
  private static final Pattern GNU = Pattern.compile("^([0-9A-Fa-f]+)\\s+\\*?(.+?)\\s*$");
  private static final Pattern BSD =
      Pattern.compile("^\\w+\\s*\\((.+)\\)\\s*=\\s*([0-9A-Fa-f]+)\\s*$");

  private ChecksumList() {}

  /** The digest listed for {@code fileName} (compared by base name), or null. */
  static IsoChecksum.Digest find(String text, String fileName) {
    for (String line : text.split("\\R")) {
      String hex = null;
      String name = null;
      Matcher gnu = GNU.matcher(line);
      Matcher bsd = BSD.matcher(line);
      if (bsd.matches()) {
        name = bsd.group(1);
        hex = bsd.group(2);
      } else if (gnu.matches()) {
        hex = gnu.group(1);
        name = gnu.group(2);
      }
      if (name == null) {
        continue;
      }
      String base = name.substring(name.lastIndexOf('/') + 1);
      if (base.equals(fileName)) {
        return IsoChecksum.byLength(hex, hex);
      }
    }
    return null;
  }
}
