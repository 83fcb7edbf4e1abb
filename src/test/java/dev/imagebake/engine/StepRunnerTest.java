package dev.imagebake.engine;

import static dev.imagebake.engine.Fakes.NOTHING;
import static dev.imagebake.engine.Fakes.fail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.engine.Fakes.FakeArtifact;
import dev.imagebake.engine.Fakes.Journal;
import dev.imagebake.engine.Fakes.RecordingStep;
import dev.imagebake.engine.Fakes.StepsBuilder;
import dev.imagebake.sdk.Step;
import dev.imagebake.ui.BuildReport;
import dev.imagebake.ui.StepStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepRunnerTest {
  private final Journal journal = new Journal();

  private BuildPlan build(List<Step> steps) {
    return Fakes.plan("b", new StepsBuilder(hook -> steps, new FakeArtifact("art", journal)));
  }

  private List<Step> abcWithBFailing() {
    return List.of(
        new RecordingStep("a", journal, NOTHING),
        new RecordingStep("b", journal, fail("boom")),
        new RecordingStep("c", journal, NOTHING));
  }

  @Test
  void runsInOrderAndCleansUpInReverse() {
    TestRun run = new TestRun();
    RunResult result =
        run.run(
            build(
                List.of(
                    new RecordingStep("a", journal, NOTHING),
                    new RecordingStep("b", journal, NOTHING))));

    assertThat(journal.entries()).containsExactly("run a", "run b", "cleanup b", "cleanup a");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(result.builds().get(0).steps())
        .extracting(t -> t.step() + ":" + t.status() + ":" + (t.cleanup() != null))
        .containsExactly("a:OK:true", "b:OK:true");
  }

  @Test
  void failedStepIsCleanedUpAndLaterStepsNeverRun() {
    TestRun run = new TestRun();
    RunResult result = run.run(build(abcWithBFailing()));

    assertThat(journal.entries()).containsExactly("run a", "run b", "cleanup b", "cleanup a");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
    BuildReport report = result.builds().get(0);
    assertThat(report.outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(report.error()).isEqualTo("boom");
    assertThat(report.artifacts()).isEmpty();
    assertThat(report.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.console())
        .contains("==> b: boom\n")
        .contains("Build 'b' errored after ")
        .contains("--> b: boom\n")
        .contains("==> Builds finished but no artifacts were created.");
  }

  @Test
  void aThrowingCleanupIsReportedAndTheOthersStillRun() {
    TestRun run = new TestRun();
    run.run(
        build(
            List.of(
                new RecordingStep("a", journal, NOTHING),
                new RecordingStep(
                    "b",
                    journal,
                    NOTHING,
                    ctx -> {
                      throw new IllegalStateException("cannot delete vol-1");
                    }))));

    assertThat(journal.entries()).containsExactly("run a", "run b", "cleanup b", "cleanup a");
    assertThat(run.console()).contains("==> b: Cleanup of step \"b\" failed: cannot delete vol-1");
  }

  @Test
  void abortSkipsEveryCleanup() {
    TestRun run = new TestRun();
    run.options = run.options.withOnError(OnError.ABORT);
    RunResult result = run.run(build(abcWithBFailing()));

    assertThat(journal.entries()).containsExactly("run a", "run b");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
    assertThat(run.console())
        .contains(
            "==> b: boom\n"
                + "==> b: Step \"b\" failed, aborting...\n"
                + "==> b: aborted: skipping cleanup of step \"a\"\n");
  }

  @Test
  void askWithoutTerminalCleansUp() {
    TestRun run = new TestRun();
    run.options = run.options.withOnError(OnError.ASK);
    run.run(build(abcWithBFailing()));

    assertThat(journal.entries()).containsExactly("run a", "run b", "cleanup b", "cleanup a");
    assertThat(run.console()).contains("==> b: Step \"b\" failed\n").doesNotContain("[c] Clean up");
  }

  @Test
  void askRetryRerunsTheStepAfterAnIncorrectAnswer() {
    TestRun run = new TestRun("x\nr\n");
    run.options = run.options.withOnError(OnError.ASK);
    AtomicInteger tries = new AtomicInteger();
    RunResult result =
        run.run(
            build(
                List.of(
                    new RecordingStep("a", journal, NOTHING),
                    new RecordingStep(
                        "b",
                        journal,
                        ctx -> {
                          if (tries.incrementAndGet() == 1) {
                            throw new Exception("flaky");
                          }
                        }))));

    assertThat(journal.entries())
        .containsExactly("run a", "run b", "run b", "cleanup b", "cleanup a");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(run.console())
        .contains(
            "==> b: [c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may"
                + " fail even if retry succeeds)? ==> b: Incorrect input: \"x\"");
  }

  @Test
  void askAbortSkipsCleanups() {
    TestRun run = new TestRun("A\n");
    run.options = run.options.withOnError(OnError.ASK);
    run.run(build(abcWithBFailing()));

    assertThat(journal.entries()).containsExactly("run a", "run b");
    assertThat(run.console()).contains("aborted: skipping cleanup of step \"a\"");
  }

  @Test
  void askEmptyAnswerCleansUp() {
    TestRun run = new TestRun("\n");
    run.options = run.options.withOnError(OnError.ASK);
    run.run(build(abcWithBFailing()));

    assertThat(journal.entries()).containsExactly("run a", "run b", "cleanup b", "cleanup a");
  }

  @Test
  void debugPausesAfterEachRunAndBeforeEachCleanup() {
    TestRun run = new TestRun("\n\n\n\n");
    run.options = run.options.withDebug(true);
    run.run(
        build(
            List.of(
                new RecordingStep("a", journal, NOTHING),
                new RecordingStep("b", journal, NOTHING))));

    assertThat(run.console())
        .contains("Debug mode enabled. Builds will not be parallelized.")
        .contains("==> b: Pausing after run of step 'a'. Press enter to continue. ")
        .contains("==> b: Pausing before cleanup of step 'a'. Press enter to continue. ");
  }

  @Test
  void interruptCancelsTheRunningStepAndEveryCleanupRuns() {
    TestRun run = new TestRun();
    RunResult result =
        run.run(
            build(
                List.of(
                    new RecordingStep("a", journal, NOTHING),
                    new RecordingStep(
                        "b",
                        journal,
                        ctx -> {
                          run.interrupts.trigger();
                          ctx.cancellation().sleep(java.time.Duration.ofHours(1));
                        }),
                    new RecordingStep("c", journal, NOTHING))));

    assertThat(journal.entries()).containsExactly("run a", "run b", "cleanup b", "cleanup a");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(result.interrupted()).isTrue();
    assertThat(result.builds().get(0).outcome()).isEqualTo(BuildReport.Outcome.CANCELLED);
    assertThat(run.console())
        .contains("Cancelling build after receiving interrupt\n")
        .contains("Build 'b' finished after ")
        .containsPattern(
            "==> Wait completed after .*\nCleanly cancelled builds after being interrupted.\n")
        .doesNotContain("Builds finished");
  }

  @Test
  void aBurstOfInterruptsRunsEveryCleanup() {
    TestRun run = new TestRun();
    RunResult result =
        run.run(
            build(
                List.of(
                    new RecordingStep("a", journal, NOTHING),
                    new RecordingStep("b", journal, NOTHING),
                    new RecordingStep(
                        "c",
                        journal,
                        ctx -> {
                          // timeout(1) forwarding INT while the terminal signals the group.
                          run.interrupts.trigger();
                          run.interrupts.trigger();
                          run.interrupts.trigger("terminated");
                          ctx.cancellation().throwIfCancelled();
                        },
                        ctx -> run.interrupts.trigger()))));

    assertThat(journal.entries())
        .containsExactly("run a", "run b", "run c", "cleanup c", "cleanup b", "cleanup a");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(run.console())
        .contains(
            "Cancelling build after receiving interrupt\n"
                + "Cleaning up. To skip the remaining cleanups, press Ctrl-C again 5 s from now or"
                + " later")
        .containsPattern("Ignoring interrupt \\d+ (ms|s) after the first \\(a burst\\)")
        .contains("Ignoring terminated: still cleaning up.")
        .doesNotContain("skipping cleanup")
        .contains("Cleanly cancelled builds after being interrupted.");
  }

  @Test
  void secondInterruptSkipsTheRemainingCleanups() {
    TestRun run = new TestRun();
    run.interrupts = new Interrupts(java.time.Duration.ZERO, System::nanoTime);
    RunResult result =
        run.run(
            build(
                List.of(
                    new RecordingStep("a", journal, NOTHING),
                    new RecordingStep("b", journal, NOTHING),
                    new RecordingStep(
                        "c",
                        journal,
                        ctx -> {
                          run.interrupts.trigger();
                          ctx.cancellation().throwIfCancelled();
                        },
                        ctx -> run.interrupts.trigger()))));

    assertThat(journal.entries()).containsExactly("run a", "run b", "run c", "cleanup c");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(run.console())
        .contains(
            "==> b: Interrupted again: skipping cleanup of step \"b\"\n"
                + "==> b: Interrupted again: skipping cleanup of step \"a\"\n")
        .contains(
            "Cancelled builds after being interrupted, but not cleanly: cleanups were skipped;"
                + " nothing recorded was left behind.")
        .doesNotContain("Cleanly cancelled");
  }

  @Test
  void abortOnInterruptSkipsCleanups() {
    TestRun run = new TestRun();
    run.options = run.options.withOnError(OnError.ABORT);
    run.run(
        build(
            List.of(
                new RecordingStep("a", journal, NOTHING),
                new RecordingStep(
                    "b",
                    journal,
                    ctx -> {
                      run.interrupts.trigger();
                      ctx.cancellation().throwIfCancelled();
                    }))));

    assertThat(journal.entries()).containsExactly("run a", "run b");
    assertThat(run.console())
        .contains(
            "==> b: Interrupted, aborting...\n==> b: aborted: skipping cleanup of step \"a\"\n");
  }

  @Test
  void aFailureCausedByTheInterruptIsNotReportedOrAskedAbout() {
    TestRun run = new TestRun("a\n");
    run.options = run.options.withOnError(OnError.ASK);
    RunResult result =
        run.run(
            build(
                List.of(
                    new RecordingStep("a", journal, NOTHING),
                    new RecordingStep(
                        "b",
                        journal,
                        ctx -> {
                          run.interrupts.trigger();
                          throw new java.io.IOException("session closed");
                        }))));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(journal.entries()).containsExactly("run a", "run b", "cleanup b", "cleanup a");
    assertThat(run.console()).doesNotContain("session closed").doesNotContain("[c] Clean up");
  }
}
