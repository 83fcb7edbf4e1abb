package dev.imagebake.engine;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.CancellationToken;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Connector;
import dev.imagebake.ui.ArtifactInfo;
import dev.imagebake.ui.BuildReport;
import dev.imagebake.ui.Event;
import dev.imagebake.ui.Output;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs checked builds (Packer's {@code command/build.go}): in parallel up to {@code
 * -parallel-builds}, started in name order; each build runs its builder with the provision hook,
 * then its post-processor chains; then the end-of-run summary.
 *
 * <p>Output: every line goes through the given {@link Output}. Beyond Packer, the human summary
 * ends with a per-build, per-step timing table (after the artifact list, on the same stream).
 */
public final class BuildRunner {
  private final Output output;
  private final Connector connector;
  private final Interrupts interrupts;
  private final BuildOptions options;
  private final Clock clock;
  private Leftovers leftovers = new Leftovers();

  /**
   * @param connector opens communicators for {@link StepConnect}
   * @param interrupts the run's interrupts; install its signal handlers around {@link #run}
   */
  public BuildRunner(
      Output output,
      Connector connector,
      Interrupts interrupts,
      BuildOptions options,
      Clock clock) {
    this.output = output;
    this.connector = connector;
    this.interrupts = interrupts;
    this.options = options;
    this.clock = clock;
  }

  public BuildRunner(
      Output output, Connector connector, Interrupts interrupts, BuildOptions options) {
    // Instants only; a region zone would make the JDK look for zone-rules providers in every jar.
    this(output, connector, interrupts, options, Clock.systemUTC());
  }

  /** Runs every build and prints the summary; never throws for a build's failure. */
  public RunResult run(List<BuildPlan> plans) {
    List<BuildPlan> sorted = plans.stream().sorted(Comparator.comparing(BuildPlan::name)).toList();
    sorted.forEach(p -> p.secrets().forEach(output.secrets()::add));
    if (options.debug()) {
      core(Event.LineKind.SAY, "Debug mode enabled. Builds will not be parallelized.");
    }
    output.emit(
        new Event.BuildsStarting(clock.instant(), sorted.stream().map(BuildPlan::name).toList()));
    int threads =
        options.debug()
            ? 1
            : options.parallelBuilds() < 1 ? sorted.size() : options.parallelBuilds();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), daemon("build"));
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("timer"));
    RunServices services = new RunServices(output, clock, options, interrupts, connector, timers);
    long start = System.nanoTime();
    List<BuildReport> reports = new ArrayList<>();
    leftovers = new Leftovers();
    Interrupts.Subscription announcer = interrupts.onInterrupt(this::announce);
    try {
      List<Future<BuildReport>> futures = new ArrayList<>();
      for (BuildPlan plan : sorted) {
        futures.add(pool.submit(() -> runBuild(services, plan)));
      }
      for (int i = 0; i < futures.size(); i++) {
        reports.add(await(futures.get(i), sorted.get(i)));
      }
    } finally {
      announcer.close();
      pool.shutdownNow();
      timers.shutdownNow();
    }
    output.emit(new Event.WaitCompleted(clock.instant(), since(start)));
    boolean interrupted = interrupts.count() > 0;
    List<Leftovers.Entry> left = leftovers.entries();
    String file = left.isEmpty() ? null : leftovers.write(options, clock.instant(), output);
    boolean skipped =
        reports.stream()
            .flatMap(r -> r.steps().stream())
            // A post-processor has no cleanup to skip.
            .anyMatch(t -> !t.postProcessor() && t.cleanup() == null);
    output.emit(
        new Event.Summary(clock.instant(), reports, interrupted, skipped, left.size(), file));
    boolean anyErrored = reports.stream().anyMatch(r -> r.outcome() == BuildReport.Outcome.ERRORED);
    return new RunResult(
        reports,
        interrupted
            ? RunResult.Outcome.INTERRUPTED
            : anyErrored ? RunResult.Outcome.ERRORED : RunResult.Outcome.SUCCEEDED);
  }

  private void announce(int count, String signal, Interrupts.Effect effect, Duration sinceFirst) {
    String grace = seconds(interrupts.grace());
    switch (effect) {
      case CANCEL -> {
        core(Event.LineKind.ERROR, "Cancelling build after receiving " + signal);
        core(
            Event.LineKind.ERROR,
            "Cleaning up. To skip the remaining cleanups, press Ctrl-C again "
                + grace
                + " from now or later (running machines are stopped even then, and what is left"
                + " behind is listed).");
      }
      case BURST ->
          core(
              Event.LineKind.ERROR,
              "Ignoring "
                  + signal
                  + " "
                  + seconds(sinceFirst)
                  + " after the first (a burst): still cleaning up. Ctrl-C "
                  + grace
                  + " or more after the first skips the remaining cleanups.");
      case TERM_IGNORED ->
          core(
              Event.LineKind.ERROR,
              "Ignoring "
                  + signal
                  + ": still cleaning up. Only Ctrl-C, "
                  + grace
                  + " or more after the first interrupt, skips the remaining cleanups.");
      case SKIP_CLEANUPS ->
          core(
              Event.LineKind.ERROR,
              "Interrupted again: skipping the remaining cleanups; running machines are still"
                  + " stopped, and what is left behind is listed.");
      case ALREADY_SKIPPING ->
          core(Event.LineKind.ERROR, "Ignoring " + signal + ": already skipping cleanups.");
    }
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 && ms > 0
        ? ms + " ms"
        : (ms % 1000 == 0
                ? Long.toString(ms / 1000)
                : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0))
            + " s";
  }

  private BuildReport await(Future<BuildReport> future, BuildPlan plan) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // runBuild catches exceptions; this is an Error (e.g. OutOfMemoryError) in a build thread.
      String message = StepRunner.messageOf(e.getCause());
      return new BuildReport(
          plan.name(),
          plan.type(),
          BuildReport.Outcome.ERRORED,
          Duration.ZERO,
          List.of(),
          message,
          List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    }
  }

  private BuildReport runBuild(RunServices services, BuildPlan plan) {
    long start = System.nanoTime();
    output.emit(new Event.BuildStarted(clock.instant(), plan.name(), plan.type()));
    StepLog log = new StepLog(output, clock, plan.name());
    try (CancellationToken token = interrupts.builds().child()) {
      EngineBuildContext ctx =
          new EngineBuildContext(
              services, plan, log, new BuildUi(output, clock, plan.name(), null), token);
      Artifact artifact = null;
      String error = null;
      try {
        artifact = plan.builder().run(ctx, new TemplateProvisionHook(ctx, token));
      } catch (Exception e) {
        if (!token.isCancelled()) {
          error = StepRunner.messageOf(e);
        }
      }
      List<Artifact> artifacts = new ArrayList<>();
      if (error == null && artifact != null) {
        if (token.isCancelled()) {
          artifacts.add(artifact); // Packer: cancelled builds skip post-processors.
        } else {
          PostProcessorChains.Outcome pp =
              PostProcessorChains.run(
                  ctx,
                  artifact,
                  PostProcessorChains.applyExcept(plan.postProcessorChains(), options.except()));
          artifacts.addAll(pp.artifacts());
          if (!pp.errors().isEmpty()) {
            error = PostProcessorChains.multiError(pp.errors());
          }
        }
      }
      List<ArtifactInfo> infos =
          error != null ? List.of() : artifacts.stream().map(BuildRunner::info).toList();
      for (int i = 0; i < infos.size(); i++) {
        output.emit(new Event.ArtifactCreated(clock.instant(), plan.name(), i, infos.get(i)));
      }
      leftovers.add(ctx);
      Duration took = since(start);
      output.emit(new Event.BuildFinished(clock.instant(), plan.name(), took, error));
      BuildReport.Outcome outcome =
          error != null
              ? BuildReport.Outcome.ERRORED
              : token.isCancelled() ? BuildReport.Outcome.CANCELLED : BuildReport.Outcome.SUCCEEDED;
      return new BuildReport(plan.name(), plan.type(), outcome, took, infos, error, log.timings());
    }
  }

  private static ArtifactInfo info(Artifact a) {
    return new ArtifactInfo(
        a.builderId(), a.id(), a.describe(), a.files().stream().map(Object::toString).toList());
  }

  private void core(Event.LineKind kind, String text) {
    output.emit(new Event.Line(clock.instant(), kind, null, null, text));
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static ThreadFactory daemon(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "imagebake-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
