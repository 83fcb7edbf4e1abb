package dev.imagebake.engine;

import static dev.imagebake.engine.Fakes.NOTHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.engine.Fakes.FakeArtifact;
import dev.imagebake.engine.Fakes.Journal;
import dev.imagebake.engine.Fakes.RecordingStep;
import dev.imagebake.engine.Fakes.StepsBuilder;
import dev.imagebake.sdk.Resource;
import dev.imagebake.sdk.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a build records with {@code ctx.resources()} and does not delete is listed with its id and
 * written as JSON; when a deliberate second Ctrl-C skips the cleanups, running machines are still
 * stopped; "Cleanly cancelled" only when nothing was skipped.
 */
class LeftoversTest {
  private static final Resource MACHINE = new Resource("test machine", "m-1", "zone-a", "kill m-1");
  private static final Resource KEY = new Resource("test key", "k-1", "", "delete-key k-1");

  private final Journal journal = new Journal();
  @TempDir Path work;

  /** Records a machine and a key; its cleanup deletes both unless {@code cleanupFails}. */
  private Step launch(boolean cleanupFails) {
    return new RecordingStep(
        "launch",
        journal,
        ctx -> {
          ctx.resources().created(KEY);
          ctx.resources().created(MACHINE, () -> journal.add("stop m-1"));
        },
        ctx -> {
          ctx.resources().deleted(MACHINE);
          if (cleanupFails) {
            ctx.ui().error("could not delete k-1: delete it by hand");
          } else {
            ctx.resources().deleted(KEY);
          }
        });
  }

  private RunResult run(TestRun run, List<Step> steps) {
    run.options = BuildOptions.defaults(work);
    return run.run(
        Fakes.plan("b", new StepsBuilder(hook -> steps, new FakeArtifact("art", journal))));
  }

  private List<Path> leftoverFiles() throws Exception {
    try (Stream<Path> files = Files.list(work)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("imagebake-leftovers-"))
          .toList();
    }
  }

  @Test
  void aDeliberateSecondCtrlCStopsTheMachineAndListsWhatIsLeft() throws Exception {
    TestRun run = new TestRun();
    run.interrupts = new Interrupts(Duration.ZERO, System::nanoTime);
    RunResult result =
        run(
            run,
            List.of(
                launch(false),
                new RecordingStep(
                    "wait",
                    journal,
                    ctx -> {
                      run.interrupts.trigger();
                      ctx.cancellation().throwIfCancelled();
                    },
                    ctx -> run.interrupts.trigger())));

    assertThat(journal.entries())
        .containsExactly("run launch", "run wait", "cleanup wait", "stop m-1");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    List<Path> files = leftoverFiles();
    assertThat(files).hasSize(1);
    String name = files.get(0).getFileName().toString();
    assertThat(name).matches("imagebake-leftovers-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.json");
    assertThat(run.console())
        .contains("==> b: Stopped test machine m-1 (zone-a) (cleanups skipped)\n")
        .contains("==> b: Left behind: test key k-1; delete it by hand: delete-key k-1\n")
        .doesNotContain("Left behind: test machine")
        .contains(
            "Cancelled builds after being interrupted, but not cleanly: cleanups were skipped; 1"
                + " resource left behind, listed in "
                + name)
        .doesNotContain("Cleanly cancelled");
    JsonNode json = new JsonMapper().readTree(Files.readString(files.get(0)));
    assertThat(json.get("resources")).hasSize(1);
    JsonNode key = json.get("resources").get(0);
    assertThat(key.get("build").asString()).isEqualTo("b");
    assertThat(key.get("kind").asString()).isEqualTo("test key");
    assertThat(key.get("id").asString()).isEqualTo("k-1");
    assertThat(key.get("delete").asString()).isEqualTo("delete-key k-1");
    assertThat(run.events()).contains("\"left_behind\":1").contains("\"cleanup_skipped\":true");
  }

  @Test
  void aCleanupThatCouldNotDeleteLeavesAListAndExitsOne() throws Exception {
    TestRun run = new TestRun();
    RunResult result =
        run(run, List.of(launch(true), new RecordingStep("fail", journal, Fakes.fail("boom"))));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
    assertThat(journal.entries()).doesNotContain("stop m-1");
    assertThat(leftoverFiles()).hasSize(1);
    assertThat(run.console())
        .contains("==> b: Left behind: test key k-1; delete it by hand: delete-key k-1\n")
        .containsPattern("==> 1 resource left behind, listed in imagebake-leftovers-.*\\.json");
  }

  @Test
  void anInterruptWhoseCleanupsAllRanIsCleanAndWritesNothing() throws Exception {
    TestRun run = new TestRun();
    RunResult result =
        run(
            run,
            List.of(
                launch(false),
                new RecordingStep(
                    "wait",
                    journal,
                    ctx -> {
                      run.interrupts.trigger();
                      run.interrupts.trigger(); // a burst
                      ctx.cancellation().throwIfCancelled();
                    })));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(journal.entries()).contains("cleanup launch").doesNotContain("stop m-1");
    assertThat(leftoverFiles()).isEmpty();
    assertThat(run.console())
        .contains("Cleanly cancelled builds after being interrupted.")
        .doesNotContain("Left behind");
  }

  @Test
  void nothingRecordedNothingWritten() throws Exception {
    TestRun run = new TestRun();
    RunResult result = run(run, List.of(new RecordingStep("a", journal, NOTHING)));
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(leftoverFiles()).isEmpty();
  }
}
