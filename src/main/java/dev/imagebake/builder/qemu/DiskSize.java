package dev.imagebake.builder.qemu;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packer's {@code disk_size}: digits with an optional unit b, k, m, g or t (any case); a bare
 * number means MiB. {@code qemuSize} is what {@code qemu-img} gets ({@code 40960M}).
 *
 * @param bytes the size in bytes
 * @param qemuSize the size as given to qemu-img
 */
record DiskSize(BigInteger bytes, String qemuSize) {
  private static final Pattern SYNTAX = Pattern.compile("^(\\d+)([bkmgt]?)$");
  private static final BigInteger MIB = BigInteger.valueOf(1024 * 1024);

  /**
   * @throws IllegalArgumentException with Packer's message, {@code Invalid disk size.}
   */
  static DiskSize parse(String text) {
    String value = text == null || text.isEmpty() || text.equals("0") ? "40960M" : text;
    Matcher m = SYNTAX.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("Invalid disk size.");
    }
    String unit = m.group(2).isEmpty() ? "m" : m.group(2);
    int shift =
        switch (unit) {
          case "b" -> 0;
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          default -> 40;
        };
    BigInteger bytes = new BigInteger(m.group(1)).shiftLeft(shift);
    String qemu = m.group(2).isEmpty() ? value + "M" : value;
    return new DiskSize(bytes, qemu);
  }

  /** Whole MiB, rounded up (what the artifact's {@code diskSize} says). */
  static String mebibytes(BigInteger bytes) {
    BigInteger[] qr = bytes.divideAndRemainder(MIB);
    return (qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE)).toString();
  }
}
