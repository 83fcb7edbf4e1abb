package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.Cancellation;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Polls a resource until its status is a target (Packer's StateChangeConf). Build waits stop at an
 * interrupt; cleanup waits run after one, so they ignore it but give up after {@link
 * OsTuning#cleanupWait}.
 */
final class OsWaits {
  private final OsTuning tuning;
  private final Cancellation cancellation;

  OsWaits(OsTuning tuning, Cancellation cancellation) {
    this.tuning = tuning;
    this.cancellation = cancellation;
  }

  /**
   * @param poll the resource's current JSON, or null when it is gone (404)
   * @param status the status of that JSON
   * @return the resource once its status is one of {@code targets}
   * @throws OsApiException when it reaches another, non-pending status or vanishes
   */
  JsonNode until(
      Supplier<JsonNode> poll,
      java.util.function.Function<JsonNode, String> status,
      Set<String> pending,
      Set<String> targets) {
    return until(poll, status, pending, targets, tuning.pollDelay(), () -> {});
  }

  /**
   * As {@link #until(Supplier, java.util.function.Function, Set, Set)}, polling every {@code
   * delay}, running {@code beforeEachPause} before each pause.
   */
  JsonNode until(
      Supplier<JsonNode> poll,
      java.util.function.Function<JsonNode, String> status,
      Set<String> pending,
      Set<String> targets,
      java.time.Duration delay,
      Runnable beforeEachPause) {
    while (true) {
      JsonNode node = poll.get();
      if (node == null) {
        throw new OsApiException(404, "the resource vanished");
      }
      String s = status.apply(node);
      if (targets.contains(s)) {
        return node;
      }
      if (!pending.isEmpty() && !pending.contains(s)) {
        throw new OsApiException(
            0, "unexpected state '" + s + "', wanted target '" + targets + "'");
      }
      beforeEachPause.run();
      cancellation.sleep(delay);
    }
  }

  OsTuning tuning() {
    return tuning;
  }

  /** Polls until {@code gone} says the resource is deleted; false when the wait gave up. */
  boolean untilGoneIgnoringCancellation(Supplier<Boolean> gone) {
    long deadline = System.nanoTime() + tuning.cleanupWait().toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (gone.get()) {
          return true;
        }
      } catch (RuntimeException e) {
        // A failed poll is not an answer: ask again until the deadline.
      }
      try {
        Thread.sleep(tuning.pollDelay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
