package dev.imagebake.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Something that happened during {@code imagebake build}, as renderers see it. Build-scoped events
 * carry the build name; core events (build == null) belong to the whole run.
 */
public sealed interface Event {
  /** When it happened. */
  Instant at();

  /** The kind of a {@link Line}, after Packer's {@code Ui.Say/Message/Error}. */
  enum LineKind {
    SAY,
    MESSAGE,
    ERROR
  }

  /**
   * A line of text (possibly several, separated by {@code \n}).
   *
   * @param build the build it belongs to, or null for a core line
   * @param postProcessor the type of the post-processor that said it, or null
   */
  record Line(Instant at, LineKind kind, String build, String postProcessor, String text)
      implements Event {}

  /** Builds are about to start, in this order (sorted by name); fixes each build's colour. */
  record BuildsStarting(Instant at, List<String> builds) implements Event {
    public BuildsStarting {
      builds = List.copyOf(builds);
    }
  }

  record BuildStarted(Instant at, String build, String type) implements Event {}

  record StepStarted(Instant at, String build, String step) implements Event {}

  record StepFinished(Instant at, String build, String step, Duration took, StepStatus status)
      implements Event {}

  record CleanupFinished(Instant at, String build, String step, Duration took, boolean skipped)
      implements Event {}

  /**
   * An artifact a successful build produced, in the order the summary lists them (announced when
   * the build's post-processors are done; only the event log shows it, the console waits for the
   * summary as Packer does).
   */
  record ArtifactCreated(Instant at, String build, int index, ArtifactInfo artifact)
      implements Event {}

  /**
   * A build ended ({@code Build 'x' finished after ...} or {@code Build 'x' errored after ...}).
   *
   * @param error the error text, or null when the build succeeded or was cancelled
   */
  record BuildFinished(Instant at, String build, Duration took, String error) implements Event {}

  /** All builds ended ({@code ==> Wait completed after ...}). */
  record WaitCompleted(Instant at, Duration took) implements Event {}

  /**
   * The end of the run: artifacts, errors and step timings of every build.
   *
   * @param interrupted whether the run was cancelled by an interrupt
   * @param cleanupSkipped whether any build skipped a cleanup (a deliberate second Ctrl-C, {@code
   *     -on-error=abort})
   * @param leftBehind how many resources the builds left behind
   * @param leftoversFile where they are listed, or null when none were (or it could not be written)
   */
  record Summary(
      Instant at,
      List<BuildReport> builds,
      boolean interrupted,
      boolean cleanupSkipped,
      int leftBehind,
      String leftoversFile)
      implements Event {
    public Summary {
      builds = List.copyOf(builds);
    }

    /** A run that skipped no cleanup and left nothing behind. */
    public Summary(Instant at, List<BuildReport> builds, boolean interrupted) {
      this(at, builds, interrupted, false, 0, null);
    }

    /** Whether every cleanup ran and nothing is left behind. */
    public boolean clean() {
      return !cleanupSkipped && leftBehind == 0;
    }
  }
}
