package dev.imagebake.engine;

import dev.imagebake.ui.BuildReport;
import java.util.List;

/**
 * How a {@code build} run ended. The exit status that stands for it is the command line's choice
 * ({@code cli.ExitCodes}), not the engine's.
 *
 * @param builds one report per build, sorted by name
 * @param outcome how the run as a whole ended
 */
public record RunResult(List<BuildReport> builds, Outcome outcome) {
  /** How a run ended. */
  public enum Outcome {
    /** Every build succeeded (or there were none to run). */
    SUCCEEDED,
    /** At least one build errored. */
    ERRORED,
    /** SIGINT/SIGTERM cancelled the run. */
    INTERRUPTED
  }

  public RunResult {
    builds = List.copyOf(builds);
  }

  /** Whether SIGINT/SIGTERM cancelled the run. */
  public boolean interrupted() {
    return outcome == Outcome.INTERRUPTED;
  }
}
