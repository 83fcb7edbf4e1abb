package dev.imagebake.ui;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place events go: masks each event with the {@link SecretFilter}, then hands it to every
 * renderer, all under one lock so lines of parallel builds never interleave within a line. Asking
 * holds the lock too (as Packer's UI does), so the question stays the last thing on screen.
 *
 * <p>With live progress (a console on a terminal) a long transfer gets one line rewritten in place
 * ({@link #transfer}); any other output first erases it, and the next update draws it again below.
 * One transfer owns that line at a time: with parallel builds, a transfer that becomes long while
 * another one's line is shown stays silent until that one ends.
 */
public final class Output {
  private final SecretFilter secrets;
  private final Terminal terminal;
  private final List<EventRenderer> renderers;
  private final boolean liveProgress;
  private Transfer lineOwner;
  private boolean lineDrawn;

  public Output(SecretFilter secrets, Terminal terminal, List<EventRenderer> renderers) {
    this(secrets, terminal, renderers, false);
  }

  /**
   * @param liveProgress whether to show progress lines of long transfers (only for a console on a
   *     terminal: they are rewritten in place with {@code \r})
   */
  public Output(
      SecretFilter secrets,
      Terminal terminal,
      List<EventRenderer> renderers,
      boolean liveProgress) {
    this.secrets = secrets;
    this.terminal = terminal;
    this.renderers = List.copyOf(renderers);
    this.liveProgress = liveProgress;
  }

  /** Whether {@link #transfer} shows anything. */
  public boolean showsProgress() {
    return liveProgress;
  }

  /**
   * Starts counting a transfer of {@code total} bytes (negative: unknown) for the progress line of
   * {@code build}; call {@link Transfer#finish} when it ends.
   */
  public Transfer transfer(String build, String postProcessor, long total, Clock clock) {
    return new Transfer(build, postProcessor, total, clock);
  }

  public SecretFilter secrets() {
    return secrets;
  }

  public synchronized void emit(Event event) {
    eraseProgress();
    Event masked = secrets.mask(event);
    for (EventRenderer r : renderers) {
      r.render(masked);
    }
  }

  /**
   * Shows {@code question} and reads the answer; empty without a terminal (the question is then not
   * shown, as in Packer, where asking fails with "no available tty").
   */
  public synchronized Optional<String> ask(Event.Line question) {
    if (!terminal.available()) {
      return Optional.empty();
    }
    eraseProgress();
    Event.Line masked = (Event.Line) secrets.mask(question);
    for (EventRenderer r : renderers) {
      r.prompt(masked);
    }
    return terminal.readLine();
  }

  private void eraseProgress() {
    if (lineDrawn) {
      renderers.forEach(EventRenderer::eraseProgress);
      lineDrawn = false;
    }
  }

  private void drawProgress(Event.Line line, boolean last) {
    Event.Line masked = (Event.Line) secrets.mask(line);
    for (EventRenderer r : renderers) {
      r.progress(masked, last);
    }
    lineDrawn = !last;
  }

  /** The bytes of one transfer; {@link #add} may be called from several threads. */
  public final class Transfer {
    private final String build;
    private final String postProcessor;
    private final Clock clock;
    private final TransferMeter meter;
    private final AtomicLong done = new AtomicLong();
    private volatile long nextCheck;
    private boolean finished;

    private Transfer(String build, String postProcessor, long total, Clock clock) {
      this.build = build;
      this.postProcessor = postProcessor;
      this.clock = clock;
      long start = clock.millis();
      this.meter = new TransferMeter(total, start);
      this.nextCheck = start + TransferMeter.QUIET_MILLIS;
    }

    public void add(long bytes) {
      long sum = done.addAndGet(bytes);
      long now = clock.millis();
      if (!liveProgress || now < nextCheck) {
        return;
      }
      synchronized (Output.this) {
        nextCheck = now + TransferMeter.INTERVAL_MILLIS;
        if (finished || (lineOwner != null && lineOwner != this)) {
          return;
        }
        String text = meter.tick(sum, now);
        if (text != null) {
          lineOwner = this;
          drawProgress(line(text), false);
        }
      }
    }

    /** Ends the transfer: a line that was shown gets its final numbers and a newline. */
    public void finish() {
      synchronized (Output.this) {
        if (finished) {
          return;
        }
        finished = true;
        if (lineOwner == this) {
          lineOwner = null;
          drawProgress(line(meter.text(done.get(), clock.millis())), true);
        }
      }
    }

    private Event.Line line(String text) {
      return new Event.Line(clock.instant(), Event.LineKind.MESSAGE, build, postProcessor, text);
    }
  }
}
