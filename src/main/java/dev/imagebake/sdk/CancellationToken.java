package dev.imagebake.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Cancellation} that can be fired, with children: cancelling a token cancels its children,
 * never its parent. An interrupt cancels the run's root token (every build); a provisioner timeout
 * cancels only the child token that provisioner sees.
 */
public final class CancellationToken implements Cancellation, AutoCloseable {
  private final CountDownLatch fired = new CountDownLatch(1);
  private final List<Runnable> callbacks = new ArrayList<>();
  private volatile String reason;
  private AutoCloseable parentLink = () -> {};

  private CancellationToken() {}

  /** A token with no parent. */
  public static CancellationToken root() {
    return new CancellationToken();
  }

  /** A token cancelled together with this one, but cancellable on its own. */
  public CancellationToken child() {
    CancellationToken child = new CancellationToken();
    child.parentLink = onCancel(() -> child.cancel(reason));
    return child;
  }

  /** Fires the token once; later calls keep the first reason. */
  public void cancel(String why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why == null || why.isEmpty() ? "cancelled" : why;
      toRun = List.copyOf(callbacks);
      callbacks.clear();
    }
    fired.countDown();
    toRun.forEach(CancellationToken::runQuietly);
  }

  @Override
  public boolean isCancelled() {
    return reason != null;
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public void sleep(Duration duration) {
    throwIfCancelled();
    try {
      if (fired.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new CancelledException(reason);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    }
  }

  @Override
  public AutoCloseable onCancel(Runnable action) {
    synchronized (this) {
      if (reason == null) {
        callbacks.add(action);
        return () -> {
          synchronized (this) {
            callbacks.remove(action);
          }
        };
      }
    }
    runQuietly(action);
    return () -> {};
  }

  /** Detaches a child from its parent (so long runs do not accumulate callbacks). */
  @Override
  public void close() {
    try {
      parentLink.close();
    } catch (Exception e) {
      // The link only removes a callback from a list; it cannot fail.
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      // A failing abort action (e.g. closing an already closed session) must not stop the others.
    }
  }
}
