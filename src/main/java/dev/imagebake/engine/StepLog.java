package dev.imagebake.engine;

import dev.imagebake.ui.Event;
import dev.imagebake.ui.Output;
import dev.imagebake.ui.StepStatus;
import dev.imagebake.ui.StepTiming;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The step timings of one build, announced as events as they happen. Thread-safe. */
final class StepLog implements StepTimings {
  private static final Logger LOG = LoggerFactory.getLogger(StepLog.class);
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
    LOG.debug("{}: running step {}", build, step);
    output.emit(new Event.StepStarted(clock.instant(), build, step));
    synchronized (this) {
      timings.add(new StepTiming(step, Duration.ZERO, StepStatus.OK, null));
      return timings.size() - 1;
    }
  }

  /** Announces a post-processor and returns the slot its timing goes into. */
  int postProcessing(String name) {
    LOG.debug("{}: running post-processor {}", build, name);
    synchronized (this) {
      timings.add(new StepTiming(name, Duration.ZERO, StepStatus.OK, null, true));
      return timings.size() - 1;
    }
  }

  /** Adds the time of one run attempt (a retried step accumulates). */
  @Override
  public void finished(int slot, Duration took, StepStatus status) {
    StepTiming t;
    synchronized (this) {
      StepTiming old = timings.get(slot);
      t = new StepTiming(old.step(), old.run().plus(took), status, null, old.postProcessor());
      timings.set(slot, t);
    }
    LOG.debug(
        "{}: {} {} {} after {} ms",
        build,
        t.postProcessor() ? "post-processor" : "step",
        t.step(),
        status,
        took.toMillis());
    if (!t.postProcessor()) {
      output.emit(new Event.StepFinished(clock.instant(), build, t.step(), took, status));
    }
  }

  /** Records a cleanup; {@code took} null when it was skipped. */
  @Override
  public void cleaned(int slot, Duration took) {
    StepTiming t;
    synchronized (this) {
      StepTiming old = timings.get(slot);
      t = new StepTiming(old.step(), old.run(), old.status(), took, old.postProcessor());
      timings.set(slot, t);
    }
    if (took == null) {
      LOG.debug("{}: cleanup of step {} skipped", build, t.step());
    } else {
      LOG.debug("{}: cleanup of step {} took {} ms", build, t.step(), took.toMillis());
    }
    output.emit(
        new Event.CleanupFinished(
            clock.instant(), build, t.step(), took == null ? Duration.ZERO : took, took == null));
  }

  synchronized List<StepTiming> timings() {
    return List.copyOf(timings);
  }
}
