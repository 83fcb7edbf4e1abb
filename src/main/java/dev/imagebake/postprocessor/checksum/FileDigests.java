package dev.imagebake.postprocessor.checksum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** Computes several digests of a file in one streaming pass. */
final class FileDigests {
  private static final int BUFFER_SIZE = 1 << 16;

  private FileDigests() {}

  /** Lowercase hex digests of {@code file}, one per type. */
  static Map<ChecksumType, String> of(Path file, Set<ChecksumType> types) throws IOException {
    Map<ChecksumType, MessageDigest> digests = new EnumMap<>(ChecksumType.class);
    types.forEach(t -> digests.put(t, t.newDigest()));
    byte[] buffer = new byte[BUFFER_SIZE];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (MessageDigest d : digests.values()) {
          d.update(buffer, 0, n);
        }
      }
    }
    Map<ChecksumType, String> hex = new EnumMap<>(ChecksumType.class);
    digests.forEach((t, d) -> hex.put(t, HexFormat.of().formatHex(d.digest())));
    return hex;
  }
}
