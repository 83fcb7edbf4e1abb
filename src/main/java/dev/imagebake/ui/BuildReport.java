package dev.imagebake.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How one build ended.
 *
 * @param artifacts what the summary lists; empty when the build errored (as in Packer); an entry
 *     may be null (Packer's {@code <nothing>})
 * @param error the error text when the build errored, else null
 * @param steps per-step timings, in run order
 */
public record BuildReport(
    String name,
    String type,
    Outcome outcome,
    Duration took,
    List<ArtifactInfo> artifacts,
    String error,
    List<StepTiming> steps) {
  public BuildReport {
    // Not List.copyOf: a null artifact entry is meaningful.
    artifacts = Collections.unmodifiableList(new ArrayList<>(artifacts));
    steps = List.copyOf(steps);
  }

  /** The end state of a build. */
  public enum Outcome {
    SUCCEEDED,
    ERRORED,
    CANCELLED
  }
}
