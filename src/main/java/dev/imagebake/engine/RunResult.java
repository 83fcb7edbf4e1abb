package dev.imagebake.engine;

import dev.imagebake.ui.BuildReport;
import java.util.List;

/**
 * How a {@code build} run ended.
 *
 * @param builds one report per build, sorted by name
 * @param interrupted whether SIGINT/SIGTERM cancelled the run
 * @param exitCode 0 when every build succeeded, 1 when any errored, 130 when interrupted
 */
public record RunResult(List<BuildReport> builds, boolean interrupted, int exitCode) {
  public RunResult {
    builds = List.copyOf(builds);
  }
}
