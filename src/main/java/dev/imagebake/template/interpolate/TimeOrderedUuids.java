package dev.imagebake.template.interpolate;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Packer's {@code uuid}: 8 hex digits of the current Unix time followed by 24 random hex digits,
 * formatted like a UUID (not RFC 4122).
 */
final class TimeOrderedUuids implements Supplier<String> {
  private final Clock clock;
  // Created at the first uuid: seeding a SecureRandom costs start-up time most templates never use.
  private SecureRandom random;

  TimeOrderedUuids(Clock clock) {
    this.clock = clock;
    if ("off".equals(System.getProperty("imagebake.startup.lazySecureRandom"))) {
      random();
    }
  }

  private synchronized SecureRandom random() {
    if (random == null) {
      random = new SecureRandom();
    }
    return random;
  }

  @Override
  public String get() {
    byte[] bytes = new byte[12];
    random().nextBytes(bytes);
    String hex = HexFormat.of().formatHex(bytes);
    long seconds = clock.instant().getEpochSecond() & 0xffffffffL;
    return String.format("%08x", seconds)
        + "-"
        + hex.substring(0, 4)
        + "-"
        + hex.substring(4, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12);
  }
}
