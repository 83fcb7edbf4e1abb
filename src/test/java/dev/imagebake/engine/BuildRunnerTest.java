package dev.imagebake.engine;

import static dev.imagebake.engine.Fakes.NOTHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.engine.Fakes.FakeArtifact;
import dev.imagebake.engine.Fakes.Journal;
import dev.imagebake.engine.Fakes.RecordingStep;
import dev.imagebake.engine.Fakes.StepsBuilder;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.ui.BuildReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BuildRunnerTest {
  private final Journal journal = new Journal();
  private final TestRun run = new TestRun();

  private BuildPlan simple(String name, Fakes.Action body) {
    return Fakes.plan(
        name,
        new StepsBuilder(
            hook -> List.of(new RecordingStep(name + "-step", journal, body)),
            new FakeArtifact(name + "-art", journal)));
  }

  @Test
  void buildsRunInParallelByDefault() {
    // Each of 8 builds waits until all 8 are inside a step: only possible when truly parallel.
    CyclicBarrier barrier = new CyclicBarrier(8);
    List<BuildPlan> plans = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      plans.add(simple("b" + i, ctx -> barrier.await(30, TimeUnit.SECONDS)));
    }
    RunResult result = run.run(plans.toArray(BuildPlan[]::new));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(result.builds())
        .allMatch(b -> b.outcome() == BuildReport.Outcome.SUCCEEDED)
        .extracting(BuildReport::name)
        .containsExactly("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7");
  }

  @Test
  void parallelBuildsOneRunsThemOneAtATimeInNameOrder() {
    run.options = run.options.withParallelBuilds(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Fakes.Action body =
        ctx -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.yield();
          running.decrementAndGet();
        };
    RunResult result = run.run(simple("c", body), simple("a", body), simple("b", body));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(most).hasValue(1);
    assertThat(journal.entries())
        .filteredOn(e -> e.startsWith("run"))
        .containsExactly("run a-step", "run b-step", "run c-step");
  }

  @Test
  void debugForcesOneBuildAtATime() {
    run.options = run.options.withDebug(true);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Fakes.Action body =
        ctx -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.yield();
          running.decrementAndGet();
        };
    run.run(simple("a", body), simple("b", body), simple("c", body));

    assertThat(most).hasValue(1);
  }

  @Test
  void summaryListsArtifactsAndErrorsLikePacker() {
    RunResult result =
        run.run(
            simple("ok", NOTHING),
            simple(
                "bad",
                ctx -> {
                  throw new Exception("it broke");
                }));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
    String out = run.console();
    assertThat(out)
        .containsPattern("Build 'ok' finished after [0-9]+ [a-z]+.*\\.\n")
        .containsPattern("Build 'bad' errored after [^:]+: it broke\n")
        .containsPattern("\n\n==> Wait completed after .*\n")
        .contains(
            "\n==> Some builds didn't complete successfully and had errors:\n--> bad: it broke\n")
        .contains(
            "\n==> Builds finished. The artifacts of successful builds are:\n"
                + "--> ok: artifact ok-art\n")
        .contains("\n==> Step timings (seconds):\n--> bad: ")
        .containsPattern("    ok-step +\\d+\\.\\d{3}  cleanup \\d+\\.\\d{3}\n");
    assertThat(out.indexOf("Some builds")).isLessThan(out.indexOf("Builds finished."));
  }

  @Test
  void machineReadableArtifactRecordsAndFilledTargets() {
    run.run(
        Fakes.plan(
            "local",
            new StepsBuilder(
                hook ->
                    List.of(
                        new RecordingStep(
                            "s", journal, ctx -> ctx.ui().message("Q=hi, there\nsecond"))),
                new FakeArtifact("Null", journal))));

    assertThat(run.machine())
        .containsPattern(
            "(?m)^[0-9]+,local,ui,message,    local: Q=hi%!\\(PACKER_COMMA\\) there\\\\n    local: second$")
        .containsPattern("(?m)^[0-9]+,local,artifact-count,1$")
        .containsPattern("(?m)^[0-9]+,local,artifact,0,builder-id,test.fake$")
        .containsPattern("(?m)^[0-9]+,local,artifact,0,id,Null$")
        .containsPattern("(?m)^[0-9]+,local,artifact,0,string,artifact Null$")
        .containsPattern("(?m)^[0-9]+,local,artifact,0,files-count,0$")
        .containsPattern("(?m)^[0-9]+,local,artifact,0,end$")
        .containsPattern("(?m)^[0-9]+,,ui,say,\\\\n==> Wait completed after ")
        .containsPattern("(?m)^[0-9]+,local,ui,say,Build 'local' finished after ");
  }

  @Test
  void secretsAreMaskedInEveryOutput() {
    BuildPlan plan =
        Fakes.plan(
            "s",
            new StepsBuilder(
                hook ->
                    List.of(
                        new RecordingStep(
                            "leak",
                            journal,
                            ctx -> {
                              ctx.addSecret("generated-pw");
                              ctx.ui().say("password hunter2 and generated-pw");
                              throw new Exception("auth failed for hunter2");
                            })),
                new FakeArtifact("x", journal)),
            List.of(),
            null,
            List.of(),
            Set.of("hunter2"));
    run.run(plan);

    for (String out : List.of(run.console(), run.machine(), run.events())) {
      assertThat(out)
          .doesNotContain("hunter2")
          .doesNotContain("generated-pw")
          .contains("password <sensitive> and <sensitive>")
          .contains("auth failed for <sensitive>");
    }
  }

  @Test
  void eventsFileHasOneJsonObjectPerLine() {
    run.run(simple("e", NOTHING));

    List<String> lines = run.events().lines().toList();
    assertThat(lines).allMatch(l -> l.startsWith("{\"event\":\"") && l.endsWith("}"));
    assertThat(lines)
        .anyMatch(
            l -> l.contains("\"event\":\"step_finished\"") && l.contains("\"step\":\"e-step\""))
        .anyMatch(l -> l.contains("\"event\":\"artifact\"") && l.contains("\"id\":\"e-art\""))
        .anyMatch(l -> l.contains("\"event\":\"summary\""));
  }

  @Test
  void interruptWithParallelBuildsRunsEveryCleanupAndExits130() {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Fakes.Action waitThenInterrupt =
        ctx -> {
          bothRunning.countDown();
          bothRunning.await(30, TimeUnit.SECONDS);
          run.interrupts.trigger();
          ctx.cancellation().sleep(java.time.Duration.ofHours(1));
        };
    Fakes.Action waitForCancel =
        ctx -> {
          bothRunning.countDown();
          ctx.cancellation().sleep(java.time.Duration.ofHours(1));
        };
    RunResult result = run.run(simple("a", waitThenInterrupt), simple("b", waitForCancel));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(journal.entries()).contains("cleanup a-step", "cleanup b-step");
    assertThat(result.builds()).allMatch(b -> b.outcome() == BuildReport.Outcome.CANCELLED);
  }

  @Test
  void aBuilderErrorOutsideStepsFailsOnlyThatBuild() {
    Builder broken =
        new Builder() {
          @Override
          public dev.imagebake.sdk.Artifact run(BuildContext ctx, ProvisionHook hook) {
            throw new IllegalArgumentException("source_ami not found");
          }
        };
    RunResult result = run.run(Fakes.plan("x", broken), simple("y", NOTHING));

    assertThat(result.builds())
        .extracting(BuildReport::outcome)
        .containsExactly(BuildReport.Outcome.ERRORED, BuildReport.Outcome.SUCCEEDED);
    assertThat(result.builds().get(0).error()).isEqualTo("source_ami not found");
  }

  @Test
  void noBuildsIsASuccessWithNoArtifacts() {
    RunResult result = run.run();

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(run.console()).endsWith("\n==> Builds finished but no artifacts were created.\n");
  }
}
