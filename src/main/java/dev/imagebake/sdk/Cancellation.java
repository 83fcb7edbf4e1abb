package dev.imagebake.sdk;

import java.time.Duration;

/**
 * Cooperative cancellation of a build (Ctrl-C, SIGTERM, a provisioner timeout). Long waits must use
 * {@link #sleep} or poll {@link #isCancelled()} so that an interrupt ends them promptly.
 */
public interface Cancellation {
  /**
   * A cancellation that never fires: for work that must run to its end even in an interrupted build
   * (cleanups that wait for an instance to terminate), and for tests.
   */
  static Cancellation never() {
    return NeverCancelled.INSTANCE;
  }

  boolean isCancelled();

  /** Throws {@link CancelledException} when cancelled. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancelledException(reason());
    }
  }

  /** Why the build was cancelled, e.g. "interrupted" or "provisioner timed out after 2s". */
  String reason();

  /**
   * Sleeps for {@code duration} or until cancelled, whichever comes first.
   *
   * @throws CancelledException when cancelled before or during the sleep
   */
  void sleep(Duration duration);

  /**
   * Runs {@code action} once when cancellation happens (immediately if it already has). Used to
   * abort blocking I/O, e.g. by closing an SSH session. Returns a handle that unregisters it.
   */
  AutoCloseable onCancel(Runnable action);
}
