package dev.imagebake.engine;

import static dev.imagebake.engine.Fakes.NOTHING;
import static dev.imagebake.engine.Fakes.fail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.engine.Fakes.Action;
import dev.imagebake.engine.Fakes.FakeArtifact;
import dev.imagebake.engine.Fakes.Journal;
import dev.imagebake.engine.Fakes.RecordingStep;
import dev.imagebake.engine.Fakes.StepsBuilder;
import dev.imagebake.sdk.steps.StepProvision;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProvisionHookTest {
  private final Journal journal = new Journal();
  private final TestRun run = new TestRun();

  /** A build of [connect-like step "a", StepProvision] with these provisioners. */
  private RunResult build(List<PlannedProvisioner> provisioners, PlannedProvisioner cleanup) {
    BuildPlan plan =
        Fakes.plan(
            "p",
            new StepsBuilder(
                hook -> List.of(new RecordingStep("a", journal, NOTHING), new StepProvision(hook)),
                new FakeArtifact("art", journal)),
            provisioners,
            cleanup,
            List.of(),
            Set.of());
    return run.run(plan);
  }

  private PlannedProvisioner decorated(
      String name, Action body, Duration pause, int retries, Duration timeout) {
    return new PlannedProvisioner(
        "fake", Fakes.provisioner(name, journal, body), pause, retries, timeout);
  }

  private static Action failTimes(int n, AtomicInteger calls) {
    return ctx -> {
      if (calls.incrementAndGet() <= n) {
        throw new Exception("exit status 1, try " + calls.get());
      }
    };
  }

  @Test
  void provisionersRunInOrderBeforeTheStepsCleanup() {
    RunResult result =
        build(
            List.of(
                Fakes.planned(Fakes.provisioner("one", journal, NOTHING)),
                Fakes.planned(Fakes.provisioner("two", journal, NOTHING))),
            null);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(journal.entries())
        .containsExactly("run a", "provision one", "provision two", "cleanup a");
  }

  @Test
  void retriesRerunThePauseAndSayHowManyTriesAreLeft() {
    AtomicInteger calls = new AtomicInteger();
    RunResult result =
        build(
            List.of(decorated("r", failTimes(2, calls), Duration.ofMillis(1), 2, Duration.ZERO)),
            null);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(calls).hasValue(3);
    assertThat(run.console())
        .contains(
            "==> p: Pausing 1ms before the next provisioner...\n"
                + "==> p: Provisioner failed with \"exit status 1, try 1\", retrying with 2 trie(s)"
                + " left\n"
                + "==> p: Pausing 1ms before the next provisioner...\n"
                + "==> p: Provisioner failed with \"exit status 1, try 2\", retrying with 1 trie(s)"
                + " left\n"
                + "==> p: Pausing 1ms before the next provisioner...\n");
  }

  @Test
  void exhaustedRetriesFailTheBuildWithTheLastError() {
    AtomicInteger calls = new AtomicInteger();
    RunResult result =
        build(List.of(decorated("r", failTimes(9, calls), Duration.ZERO, 1, Duration.ZERO)), null);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
    assertThat(calls).hasValue(2);
    assertThat(result.builds().get(0).error()).isEqualTo("exit status 1, try 2");
    assertThat(run.console()).contains("==> p: retry limit reached.\n");
  }

  @Test
  void timeoutIsHonouredTogetherWithPauseBefore() {
    Action hangs = ctx -> ctx.cancellation().sleep(Duration.ofHours(1));
    RunResult result =
        build(List.of(decorated("t", hangs, Duration.ofMillis(1), 0, Duration.ofMillis(50))), null);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
    assertThat(result.builds().get(0).error()).isEqualTo("provisioner timed out after 50ms");
    assertThat(run.console())
        .contains(
            "==> p: Pausing 1ms before the next provisioner...\n"
                + "==> p: Setting a 50ms timeout for the next provisioner...\n"
                + "==> p: Cancelling provisioner after a timeout...\n");
  }

  @Test
  void aTimeoutCancelsOnlyThatProvisionerAndIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    Action hangsOnce =
        ctx -> {
          if (calls.incrementAndGet() == 1) {
            ctx.cancellation().sleep(Duration.ofHours(1));
          }
        };
    RunResult result =
        build(
            List.of(
                decorated("t", hangsOnce, Duration.ZERO, 1, Duration.ofMillis(50)),
                Fakes.planned(Fakes.provisioner("after", journal, NOTHING))),
            null);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(journal.entries()).contains("provision after");
    assertThat(run.console())
        .contains("retrying with 1 trie(s) left")
        .doesNotContain("Cancelling build");
  }

  @Test
  void errorCleanupProvisionerRunsFromTheProvisioningStepsCleanup() {
    RunResult result =
        build(
            List.of(Fakes.planned(Fakes.provisioner("bad", journal, fail("exit 2")))),
            Fakes.planned(Fakes.provisioner("rescue", journal, NOTHING)));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
    assertThat(journal.entries())
        .containsExactly("run a", "provision bad", "provision rescue", "cleanup a");
    assertThat(run.console())
        .contains(
            "==> p: Provisioning step had errors: Running the cleanup provisioner, if present...");
  }

  @Test
  void failingErrorCleanupProvisionerReplacesTheBuildError() {
    RunResult result =
        build(
            List.of(Fakes.planned(Fakes.provisioner("bad", journal, fail("exit 2")))),
            Fakes.planned(Fakes.provisioner("rescue", journal, fail("rescue broke"))));

    assertThat(result.builds().get(0).error())
        .isEqualTo("Cleanup failed: rescue broke. Original Provisioning error: exit 2");
  }

  @Test
  void errorCleanupProvisionerDoesNotRunWithAbort() {
    run.options = run.options.withOnError(OnError.ABORT);
    build(
        List.of(Fakes.planned(Fakes.provisioner("bad", journal, fail("exit 2")))),
        Fakes.planned(Fakes.provisioner("rescue", journal, NOTHING)));

    assertThat(journal.entries()).containsExactly("run a", "provision bad");
  }

  @Test
  void runCleanupProvisionerRunsOnlyTheErrorCleanupProvisioner() {
    run.options = run.options.withOnError(OnError.RUN_CLEANUP_PROVISIONER);
    build(
        List.of(Fakes.planned(Fakes.provisioner("bad", journal, fail("exit 2")))),
        Fakes.planned(Fakes.provisioner("rescue", journal, NOTHING)));

    assertThat(journal.entries()).containsExactly("run a", "provision bad", "provision rescue");
    assertThat(run.console())
        .contains("Step \"StepProvision\" failed, aborting...")
        .contains("aborted: skipping cleanup of step \"a\"");
  }

  @Test
  void errorCleanupProvisionerDoesNotRunOnInterrupt() {
    Action interrupts =
        ctx -> {
          run.interrupts.trigger();
          ctx.cancellation().throwIfCancelled();
        };
    RunResult result =
        build(
            List.of(Fakes.planned(Fakes.provisioner("cut", journal, interrupts))),
            Fakes.planned(Fakes.provisioner("rescue", journal, NOTHING)));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(journal.entries()).containsExactly("run a", "provision cut", "cleanup a");
  }

  @Test
  void provisionersSeeTheScriptEnvironmentAndTheRunUuid() {
    AtomicInteger checked = new AtomicInteger();
    dev.imagebake.sdk.Provisioner p =
        (ctx, comm, data) -> {
          assertThat(ctx.scriptEnvironment())
              .containsEntry("PACKER_BUILD_NAME", "p")
              .containsEntry("PACKER_BUILDER_TYPE", "fake")
              .containsEntry("IMAGEBAKE_BUILD_NAME", "p")
              .containsEntry("IMAGEBAKE_BUILDER_TYPE", "fake");
          assertThat(data).containsEntry("PackerRunUUID", run.options.runUuid());
          checked.incrementAndGet();
        };
    RunResult result = build(List.of(Fakes.planned(p)), null);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(checked).hasValue(1);
  }
}
