package dev.imagebake.builder.amazon.common;

import java.time.Duration;

/**
 * How long to wait between polls and how often to poll: {@code aws_polling}, defaulting to the AWS
 * waiters' 15 s × 40, and 15 s × 120 (30 minutes) for AMIs as Packer bumps it, because copies take
 * long. Also spaces the builder's own retries (e.g. security group deletion).
 *
 * @param maxAttempts polls of instance and security group waits
 * @param imageMaxAttempts polls of AMI waits
 */
public record Polling(Duration delay, int maxAttempts, int imageMaxAttempts) {
  public static Polling of(AwsPolling config) {
    Integer delay = config == null ? null : config.delaySeconds();
    Integer attempts = config == null ? null : config.maxAttempts();
    return new Polling(
        Duration.ofSeconds(delay == null ? 15 : delay),
        attempts == null ? 40 : attempts,
        attempts == null ? 120 : attempts);
  }
}
