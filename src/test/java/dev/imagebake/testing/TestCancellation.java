package dev.imagebake.testing;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tests' {@link Cancellation}: the test fires it with {@link #cancel(String)}; callbacks run on
 * the cancelling thread. It records the durations passed to {@link #sleep} so tests can assert how
 * often and how long code waited without measuring time.
 */
public final class TestCancellation implements Cancellation {
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final List<Runnable> callbacks = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();
  private volatile String reason = "";
  private volatile Runnable onSleep = () -> {};

  /** Runs {@code action} at the start of every {@link #sleep}, e.g. to change the machine. */
  public void onSleep(Runnable action) {
    this.onSleep = action;
  }

  /** Cancels (once) with the reason {@code interrupted}. */
  public void cancel() {
    cancel("interrupted");
  }

  /** Cancels (once); runs the registered callbacks. */
  public void cancel(String why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (isCancelled()) {
        return;
      }
      reason = why;
      cancelled.countDown();
      toRun = List.copyOf(callbacks);
      callbacks.clear();
    }
    toRun.forEach(Runnable::run);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (this) {
      sleeps.add(duration);
    }
    onSleep.run();
    try {
      if (cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new CancelledException(reason);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    }
  }

  /** The durations passed to {@link #sleep}, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public AutoCloseable onCancel(Runnable action) {
    synchronized (this) {
      if (!isCancelled()) {
        callbacks.add(action);
        return () -> {
          synchronized (this) {
            callbacks.remove(action);
          }
        };
      }
    }
    action.run();
    return () -> {};
  }
}
