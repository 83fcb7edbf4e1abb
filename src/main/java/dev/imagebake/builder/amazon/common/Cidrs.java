package dev.imagebake.builder.amazon.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** CIDR notation as Go's {@code net.ParseCIDR} accepts it (IPv4 and IPv6). */
final class Cidrs {
  private static final Pattern V4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]+");

  private Cidrs() {}

  static boolean isValid(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = cidr.substring(0, slash);
    String bits = cidr.substring(slash + 1);
    if (!bits.matches("\\d{1,3}")) {
      return false;
    }
    int prefix = Integer.parseInt(bits);
    var v4 = V4.matcher(address);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return false;
        }
      }
      return prefix <= 32;
    }
    if (address.contains(":") && V6.matcher(address).matches()) {
      try {
        // A literal IPv6 address is parsed without any name lookup.
        InetAddress.getByName("[" + address + "]");
        return prefix <= 128;
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
