package dev.imagebake.ui;

import java.time.Duration;

/**
 * How long one step of a build, or one of its post-processors, took.
 *
 * @param step the step's name (Packer's, e.g. {@code StepConnect}) or the post-processor's
 * @param run time spent in the step's run, or in the post-processor
 * @param cleanup time spent in its cleanup, or null when the cleanup was skipped (or, for a
 *     post-processor, which has none)
 * @param postProcessor whether this is a post-processor, not a step
 */
public record StepTiming(
    String step, Duration run, StepStatus status, Duration cleanup, boolean postProcessor) {

  /** A builder's step. */
  public StepTiming(String step, Duration run, StepStatus status, Duration cleanup) {
    this(step, run, status, cleanup, false);
  }
}
