package dev.imagebake.builder.openstack;

import java.time.Duration;

/**
 * Timing of the API calls and waits: Packer polls every 2 s; tests poll at once.
 *
 * @param pollDelay between two polls of a wait
 * @param retryDelay before retrying a read that got no answer
 * @param attempts of a read or delete
 * @param requestTimeout of one HTTP call
 * @param cleanupWait longest a cleanup waits for a deletion
 * @param importPollDelay between two polls of an image imported from external_source_image_url
 *     (Packer's 10 s)
 */
record OsTuning(
    Duration pollDelay,
    Duration retryDelay,
    int attempts,
    Duration requestTimeout,
    Duration cleanupWait,
    Duration importPollDelay) {
  static OsTuning standard() {
    return new OsTuning(
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        5,
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        Duration.ofSeconds(10));
  }
}
