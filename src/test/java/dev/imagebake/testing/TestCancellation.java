package dev.imagebake.testing;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Cancellation} the test fires with {@link #cancel(String)}; callbacks run on the
 * cancelling thread. Also counts {@link #sleep} calls so tests can assert how often code waited
 * without measuring time.
 */
public final class TestCancellation implements Cancellation {
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final List<Runnable> callbacks = new ArrayList<>();
  private volatile String reason = "";
  private volatile Runnable onSleep = () -> {};
  private int sleeps;

  /** Runs {@code action} at the start of every {@link #sleep}, e.g. to change the machine. */
  public void onSleep(Runnable action) {
    this.onSleep = action;
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
      sleeps++;
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

  /** How many times {@link #sleep} was called. */
  public synchronized int sleeps() {
    return sleeps;
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
