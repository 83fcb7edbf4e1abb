package dev.imagebake.builder.amazon.common;

import java.nio.charset.StandardCharsets;

/** Amazon's {@code clean_resource_name} (reference §2.5). */
public final class ResourceNames {
  private ResourceNames() {}

  /**
   * Keeps {@code [A-Za-z0-9]} and {@code ()[] ./-'@_}; every other byte (each byte of a multi-byte
   * UTF-8 character too) becomes {@code -}. Case is kept; nothing is truncated.
   */
  public static String clean(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "()[] ./-'@_".indexOf(c) >= 0;
      out.append(keep ? c : '-');
    }
    return out.toString();
  }
}
