package dev.imagebake.builder.amazon.common;

import java.time.Duration;

/**
 * How long to wait between polls and how often to poll: {@code aws_polling}, defaulting to the AWS
 * waiters' 15 s × 40. Also spaces the builder's own retries (e.g. security group deletion).
 */
public record Polling(Duration delay, int maxAttempts) {
  public static Polling of(AwsPolling config) {
    Integer delay = config == null ? null : config.delaySeconds();
    Integer attempts = config == null ? null : config.maxAttempts();
    return new Polling(
        Duration.ofSeconds(delay == null ? 15 : delay), attempts == null ? 40 : attempts);
  }
}
