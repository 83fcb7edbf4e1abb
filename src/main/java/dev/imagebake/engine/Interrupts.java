package dev.imagebake.engine;

import dev.imagebake.sdk.CancellationToken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * Ctrl-C and SIGTERM for one {@code build} run. The first interrupt cancels every build; the
 * cleanups still run. Signals come in bursts (a wrapper such as {@code timeout} forwards one while
 * the terminal signals the whole process group; a CI runner sends INT, then TERM), so a later
 * signal skips the cleanups only when it is a deliberate second Ctrl-C: a SIGINT at least {@link
 * #grace()} after the first interrupt. Everything else is reported and ignored. {@link #trigger()}
 * is what the signal handlers call, so tests interrupt without signals.
 */
public final class Interrupts {
  /** How long after the first interrupt a second Ctrl-C is a burst, not a decision. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  /** The grace period in seconds, for tests of the deliberate second Ctrl-C (not documented). */
  static final String GRACE_PROPERTY = "imagebake.interrupt.grace";

  private final Duration grace;
  private final LongSupplier nanoTime;
  private final CancellationToken builds = CancellationToken.root();
  private final CancellationToken cleanups = CancellationToken.root();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private int count;
  private long firstAt;

  /** What an interrupt did. */
  public enum Effect {
    /** The first: every build is cancelled, the cleanups run. */
    CANCEL,
    /** A later signal within the grace period: a burst, ignored. */
    BURST,
    /** A later SIGTERM: asks for what is already happening, ignored. */
    TERM_IGNORED,
    /** A SIGINT after the grace period: the cleanups not yet started are skipped. */
    SKIP_CLEANUPS,
    /** Any signal after that: nothing more to do. */
    ALREADY_SKIPPING
  }

  /** With the default grace period (or the one of the system property {@value #GRACE_PROPERTY}). */
  public Interrupts() {
    this(graceFromProperty(), System::nanoTime);
  }

  /**
   * @param grace how long after the first interrupt another one is taken for a burst
   * @param nanoTime the clock ({@link System#nanoTime} but in tests)
   */
  public Interrupts(Duration grace, LongSupplier nanoTime) {
    this.grace = grace;
    this.nanoTime = nanoTime;
  }

  private static Duration graceFromProperty() {
    String value = System.getProperty(GRACE_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_GRACE;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value.strip()) * 1000));
    } catch (NumberFormatException e) {
      return DEFAULT_GRACE;
    }
  }

  /** How long after the first interrupt a Ctrl-C starts to skip the cleanups. */
  public Duration grace() {
    return grace;
  }

  /** Cancelled by the first interrupt: the root of every build's cancellation. */
  public CancellationToken builds() {
    return builds;
  }

  /** Cancelled by a deliberate second Ctrl-C: what cleanups see as their cancellation. */
  public CancellationToken cleanups() {
    return cleanups;
  }

  /** How many interrupts arrived. */
  public synchronized int count() {
    return count;
  }

  /** Told of each interrupt before it takes effect. */
  public interface Listener {
    /**
     * @param count the interrupt's number: 1, 2, ...
     * @param signal Go's name of the signal, as Packer prints it: {@code interrupt} or {@code
     *     terminated}
     * @param effect what it does
     * @param sinceFirst how long after the first interrupt it came (zero for the first)
     */
    void interrupted(int count, String signal, Effect effect, Duration sinceFirst);
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
    int n;
    Effect effect;
    Duration since;
    synchronized (this) {
      n = ++count;
      long now = nanoTime.getAsLong();
      if (n == 1) {
        firstAt = now;
      }
      since = Duration.ofNanos(now - firstAt);
      if (n == 1) {
        effect = Effect.CANCEL;
      } else if (cleanups.isCancelled()) {
        effect = Effect.ALREADY_SKIPPING;
      } else if (!signal.equals("interrupt")) {
        effect = Effect.TERM_IGNORED;
      } else if (since.compareTo(grace) < 0) {
        effect = Effect.BURST;
      } else {
        effect = Effect.SKIP_CLEANUPS;
      }
    }
    for (Listener l : listeners) {
      l.interrupted(n, signal, effect, since);
    }
    switch (effect) {
      case CANCEL -> builds.cancel("interrupted");
      case SKIP_CLEANUPS -> cleanups.cancel("interrupted again");
      default -> {}
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
