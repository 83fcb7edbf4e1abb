package dev.imagebake.builder.digitalocean;

import java.time.Duration;

/**
 * The builder's timing: the pause between two polls (Packer's 3 s), how often a graceful shutdown
 * is asked again (Packer's 20 s), and the client's retries of 429 and 5xx answers. Tests shorten
 * them.
 *
 * @param poll pause between two polls of a droplet, an action or an image action
 * @param shutdownResend interval at which the shutdown action is sent again while waiting
 * @param retryBase first backoff of a retried call; doubled at each retry
 * @param retryCap longest backoff, and longest wait for a rate limit's reset
 * @param attempts attempts of one call, the first included
 */
record DoTuning(
    Duration poll, Duration shutdownResend, Duration retryBase, Duration retryCap, int attempts) {
  static DoTuning standard() {
    return new DoTuning(
        Duration.ofSeconds(3),
        Duration.ofSeconds(20),
        Duration.ofMillis(500),
        Duration.ofSeconds(60),
        6);
  }
}
