package dev.imagebake.builder.openstack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A network in CIDR notation, parsed as Go's {@code net.ParseCIDR} parses it (IPv4 dotted quads,
 * IPv6 literals), for network_discovery_cidrs. (amazon's copy of the syntax check is another
 * plugin's, which this one may not import.)
 *
 * @param network the address bytes with the host bits cleared (4 or 16)
 * @param prefix the prefix length
 */
record Cidr(byte[] network, int prefix) {
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /** {@code text} as a CIDR, or empty when Go would answer {@code invalid CIDR address}. */
  static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String address = text.substring(0, slash);
    String bits = text.substring(slash + 1);
    if (!bits.matches("\\d{1,3}")) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(bits);
    byte[] bytes;
    if (V4.matcher(address).matches()) {
      for (String octet : address.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    } else if (!V6.matcher(address).matches()) {
      return Optional.empty();
    }
    try {
      // A literal address (the patterns above) is parsed without any name lookup.
      bytes =
          InetAddress.getByName(address.contains(":") ? "[" + address + "]" : address).getAddress();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    if (prefix > bytes.length * 8) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(mask(bytes, prefix), prefix));
  }

  /** Packer's {@code containsNet}: {@code other} lies within this network, and is no larger. */
  boolean contains(Cidr other) {
    return other.network.length == network.length
        && prefix <= other.prefix
        && java.util.Arrays.equals(mask(other.network, prefix), network);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }
}
