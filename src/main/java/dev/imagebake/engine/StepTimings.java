package dev.imagebake.engine;

import java.time.Duration;

/** Where a {@link StepRunner} reports each step's run and cleanup times. */
public interface StepTimings {
  /** Reports nothing. */
  StepTimings NONE =
      new StepTimings() {
        @Override
        public int started(String step) {
          return 0;
        }

        @Override
        public void finished(int slot, Duration took, dev.imagebake.ui.StepStatus status) {}

        @Override
        public void cleaned(int slot, Duration took) {}
      };

  /** A step's run began; returns the slot its times go into. */
  int started(String step);

  /** The run in {@code slot} ended after {@code took} with {@code status}. */
  void finished(int slot, Duration took, dev.imagebake.ui.StepStatus status);

  /** The cleanup of {@code slot} ended after {@code took}; {@code took} is null when skipped. */
  void cleaned(int slot, Duration took);
}
