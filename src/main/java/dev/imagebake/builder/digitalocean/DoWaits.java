package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Action;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Packer's waits ({@code wait.go}): poll every {@link DoTuning#poll} until a state is reached or
 * the timeout passes, with Packer's timeout messages. The pauses are the client's cancellation's,
 * so an interrupt ends a wait within one poll. An errored action fails the wait at once (Packer
 * polls it until the timeout).
 */
final class DoWaits {
  private DoWaits() {}

  static void dropletState(DoClient api, long dropletId, String desired, Duration timeout) {
    until(
        api,
        timeout,
        "Timeout while waiting to for droplet to become '" + desired + "'",
        () -> desired.equals(api.droplet(dropletId).status()));
  }

  static void dropletUnlocked(DoClient api, long dropletId, Duration timeout) {
    until(
        api,
        timeout,
        "Timeout while waiting to for droplet to unlock",
        () -> !api.droplet(dropletId).locked());
  }

  static void dropletAction(DoClient api, long dropletId, long actionId, Duration timeout) {
    until(
        api,
        timeout,
        "Timeout while waiting to for action to become '" + Action.COMPLETED + "'",
        () -> completed(api.dropletActionStatus(dropletId, actionId)));
  }

  static void imageAction(DoClient api, long imageId, long actionId, Duration timeout) {
    until(
        api,
        timeout,
        "Timeout while waiting to for image transfer to become '" + Action.COMPLETED + "'",
        () -> completed(api.imageActionStatus(imageId, actionId)));
  }

  private static boolean completed(Action action) {
    if (Action.ERRORED.equals(action.status())) {
      throw new IllegalStateException(
          "the " + action.type() + " action " + action.id() + " errored");
    }
    return Action.COMPLETED.equals(action.status());
  }

  private static void until(
      DoClient api, Duration timeout, String timeoutMessage, BooleanSupplier reached) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      api.cancellation().throwIfCancelled();
      if (reached.getAsBoolean()) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(timeoutMessage);
      }
      Duration pause = api.tuning().poll();
      api.cancellation().sleep(pause.toNanos() < left ? pause : Duration.ofNanos(left));
    }
  }
}
