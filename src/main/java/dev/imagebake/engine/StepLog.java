package dev.imagebake.engine;

import dev.imagebake.ui.Event;
import dev.imagebake.ui.Output;
import dev.imagebake.ui.StepStatus;
import dev.imagebake.ui.StepTiming;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The step timings of one build, announced as events as they happen. Thread-safe. */
final class StepLog implements StepTimings {
  private final Output output;
  private final Clock clock;
  private final String build;
  private final List<StepTiming> timings = new ArrayList<>();

  StepLog(Output output, Clock clock, String build) {
    this.output = output;
    this.clock = clock;
    this.build = build;
  }

  /** Announces a run and returns the slot its timing goes into. */
  @Override
  public int started(String step) {
    output.emit(new Event.StepStarted(clock.instant(), build, step));
    synchronized (this) {
      timings.add(new StepTiming(step, Duration.ZERO, StepStatus.OK, null));
      return timings.size() - 1;
    }
  }

  /** Adds the time of one run attempt (a retried step accumulates). */
  @Override
  public void finished(int slot, Duration took, StepStatus status) {
    StepTiming t;
    synchronized (this) {
      StepTiming old = timings.get(slot);
      t = new StepTiming(old.step(), old.run().plus(took), status, null);
      timings.set(slot, t);
    }
    output.emit(new Event.StepFinished(clock.instant(), build, t.step(), took, status));
  }

  /** Records a cleanup; {@code took} null when it was skipped. */
  @Override
  public void cleaned(int slot, Duration took) {
    StepTiming t;
    synchronized (this) {
      StepTiming old = timings.get(slot);
      t = new StepTiming(old.step(), old.run(), old.status(), took);
      timings.set(slot, t);
    }
    output.emit(
        new Event.CleanupFinished(
            clock.instant(), build, t.step(), took == null ? Duration.ZERO : took, took == null));
  }

  synchronized List<StepTiming> timings() {
    return List.copyOf(timings);
  }
}
