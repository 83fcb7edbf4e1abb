package dev.imagebake.builder.amazon.common;

import java.time.Duration;

/**
 * The SDK retry backoff: exponential with half jitter from {@code base} (ordinary errors) and
 * {@code throttlingBase} (RequestLimitExceeded and friends), capped at 20 s. Tests shorten it.
 */
public record AwsTuning(Duration base, Duration throttlingBase) {
  /** 100 ms for errors, 500 ms for throttling: the SDK's legacy mode, which Packer users know. */
  public static AwsTuning standard() {
    return new AwsTuning(Duration.ofMillis(100), Duration.ofMillis(500));
  }
}
