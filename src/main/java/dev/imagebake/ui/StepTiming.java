package dev.imagebake.ui;

import java.time.Duration;

/**
 * How long one step of a build took.
 *
 * @param run time spent in the step's run
 * @param cleanup time spent in its cleanup, or null when the cleanup was skipped
 */
public record StepTiming(String step, Duration run, StepStatus status, Duration cleanup) {}
