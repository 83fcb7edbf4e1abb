package dev.imagebake.engine;

import dev.imagebake.sdk.CancellationToken;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C and SIGTERM for one {@code build} run. The first interrupt cancels every build (cleanups
 * still run); the second also cancels the cleanups, and the step runner skips the remaining ones.
 * {@link #trigger()} is what the signal handlers call, so tests interrupt without signals.
 */
public final class Interrupts {
  private final AtomicInteger count = new AtomicInteger();
  private final CancellationToken builds = CancellationToken.root();
  private final CancellationToken cleanups = CancellationToken.root();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** Cancelled by the first interrupt: the root of every build's cancellation. */
  public CancellationToken builds() {
    return builds;
  }

  /** Cancelled by the second interrupt: what cleanups see as their cancellation. */
  public CancellationToken cleanups() {
    return cleanups;
  }

  /** How many interrupts arrived. */
  public int count() {
    return count.get();
  }

  /** Told of each interrupt before it takes effect. */
  public interface Listener {
    /**
     * @param count the interrupt's number: 1, 2, ...
     * @param signal Go's name of the signal, as Packer prints it: {@code interrupt} or {@code
     *     terminated}
     */
    void interrupted(int count, String signal);
  }

  /** Registers {@code listener} until the subscription is closed. */
  public Subscription onInterrupt(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** A registration that ends when closed. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** One interrupt, as if the user pressed Ctrl-C. */
  public void trigger() {
    trigger("interrupt");
  }

  /** One interrupt by the named signal ({@code interrupt} for SIGINT, {@code terminated}). */
  public void trigger(String signal) {
    int n = count.incrementAndGet();
    listeners.forEach(l -> l.interrupted(n, signal));
    if (n == 1) {
      builds.cancel("interrupted");
    } else {
      cleanups.cancel("interrupted again");
    }
  }

  /**
   * Routes SIGINT and SIGTERM to {@link #trigger()} until the returned handle is closed. Where the
   * JVM refuses signal handlers (e.g. {@code -Xrs}), falls back to a shutdown hook that triggers
   * once and holds the JVM until the handle is closed, so cleanups still run.
   */
  public AutoCloseable installSignalHandlers() {
    try {
      return SignalHandlers.install(this::trigger);
    } catch (RuntimeException | LinkageError e) {
      CountDownLatch done = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                trigger("terminated");
                try {
                  done.await();
                } catch (InterruptedException ignored) {
                  Thread.currentThread().interrupt();
                }
              },
              "imagebake-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      return () -> {
        done.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running: counting down lets it finish.
        }
      };
    }
  }
}
