package dev.imagebake.registry;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work on a daemon thread of its own, as a future: the registry's opening, the fingerprint and the
 * calendar warm-up run beside the build's own work instead of after it.
 */
final class Background {
  private Background() {}

  /** Starts {@code work} on a new daemon thread named {@code name}. */
  static <T> CompletableFuture<T> run(String name, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(work.get());
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return result;
  }
}
