package dev.imagebake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.engine.Fakes.FakeArtifact;
import dev.imagebake.engine.Fakes.Journal;
import dev.imagebake.engine.Fakes.StepsBuilder;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.ui.ArtifactInfo;
import dev.imagebake.ui.BuildReport;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostProcessorChainsTest {
  private final Journal journal = new Journal();
  private final TestRun run = new TestRun();

  private RunResult build(List<List<PlannedPostProcessor>> chains) {
    return run.run(
        Fakes.plan(
            "n",
            new StepsBuilder(hook -> List.of(), new FakeArtifact("null", journal)),
            List.of(),
            null,
            chains,
            Set.of()));
  }

  private PlannedPostProcessor pp(String name, String type, PostProcessor p, Boolean keep) {
    return new PlannedPostProcessor(name, type, p, keep);
  }

  private static List<String> ids(RunResult r) {
    return r.builds().get(0).artifacts().stream().map(ArtifactInfo::id).toList();
  }

  @Test
  void observedNullShellLocalManifestGivesThreeArtifacts() {
    // reference §1.7 / Appendix A: [shell-local] and manifest both return their input.
    RunResult result =
        build(
            List.of(
                List.of(
                    pp(
                        "shell-local",
                        "shell-local",
                        Fakes.postProcessor(null, true, true, journal),
                        null)),
                List.of(
                    pp(
                        "manifest",
                        "manifest",
                        Fakes.postProcessor(null, true, true, journal),
                        null))));

    assertThat(ids(result)).containsExactly("null", "null", "null");
    assertThat(run.console())
        .contains("==> n: Running post-processor: shell-local\n")
        .contains("==> n: Running post-processor: manifest\n")
        .contains("--> n: artifact null\n--> n: artifact null\n--> n: artifact null\n");
    assertThat(journal.entries()).noneMatch(e -> e.startsWith("destroy"));
  }

  @Test
  void aPostProcessorHasNoCleanupToCountAsSkipped() {
    build(
        List.of(
            List.of(
                pp("manifest", "manifest", Fakes.postProcessor(null, true, true, journal), null))));

    assertThat(run.events().lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"event\":\"summary\"")
                    .contains("\"cleanup_skipped\":false"));
  }

  @Test
  void noPostProcessorsKeepsTheBuilderArtifact() {
    assertThat(ids(build(List.of()))).containsExactly("null");
  }

  /** Packer's keep rule: default, overridden by the user unless default+force and user false. */
  @ParameterizedTest
  @CsvSource({
    // defaultKeep, force, user, kept
    "false, false,      , false",
    "true,  false,      , true",
    "false, false, true , true",
    "true,  false, false, false",
    "true,  true,  false, true",
    "false, true,  false, false",
    "false, true,  true,  true",
  })
  void keepRule(boolean defaultKeep, boolean force, Boolean user, boolean kept) {
    assertThat(
            PostProcessorChains.keep(
                new PostProcessor.Result(new FakeArtifact("x", journal), defaultKeep, force), user))
        .isEqualTo(kept);
  }

  @Test
  void builderArtifactDestroyedWhenNoFirstStepVotesToKeepIt() {
    RunResult result =
        build(
            List.of(
                List.of(
                    pp(
                        "compress",
                        "compress",
                        Fakes.postProcessor("tgz", false, false, journal),
                        null))));

    assertThat(ids(result)).containsExactly("tgz");
    assertThat(journal.entries()).contains("destroy null");
  }

  @Test
  void oneVoteKeepsTheBuilderArtifactForAllChains() {
    RunResult result =
        build(
            List.of(
                List.of(
                    pp(
                        "compress",
                        "compress",
                        Fakes.postProcessor("tgz", false, false, journal),
                        null)),
                List.of(
                    pp(
                        "zip",
                        "compress",
                        Fakes.postProcessor("zip", false, false, journal),
                        true))));

    assertThat(ids(result)).containsExactly("null", "tgz", "zip");
    assertThat(run.console()).contains("Running post-processor: zip (type compress)");
    assertThat(journal.entries()).doesNotContain("destroy null");
  }

  @Test
  void intermediateArtifactsAreKeptOrDestroyed() {
    RunResult result =
        build(
            List.of(
                List.of(
                    pp("a", "artifice", Fakes.postProcessor("a1", true, false, journal), null),
                    pp("b", "compress", Fakes.postProcessor("b1", false, false, journal), null),
                    pp(
                        "manifest",
                        "manifest",
                        Fakes.postProcessor(null, true, true, journal),
                        null))));

    // a1 is destroyed by b (keep false); b1 is kept by manifest and is also the chain's result.
    assertThat(ids(result)).containsExactly("null", "b1", "b1");
    assertThat(journal.entries()).contains("destroy a1").doesNotContain("destroy b1");
  }

  @Test
  void failureStopsItsChainOthersContinueAndTheBuildErrors() {
    PostProcessor broken =
        (ctx, input) -> {
          ctx.ui().say("about to fail");
          throw new Exception("Script exited with non-zero exit status: 1");
        };
    RunResult result =
        build(
            List.of(
                List.of(
                    pp("bad", "shell-local", broken, null),
                    pp("never", "manifest", Fakes.postProcessor("x", true, true, journal), null)),
                List.of(pp("ok", "ok", Fakes.postProcessor("ok1", true, false, journal), null))));

    BuildReport report = result.builds().get(0);
    assertThat(report.outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(report.error())
        .isEqualTo(
            "1 error(s) occurred:\n\n* Post-processor failed: Script exited with non-zero exit"
                + " status: 1");
    assertThat(report.artifacts()).isEmpty();
    assertThat(journal.entries()).contains("pp ok1 <- null").noneMatch(e -> e.startsWith("pp x"));
    assertThat(run.console()).contains("==> n (shell-local): about to fail\n");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.ERRORED);
  }

  @Test
  void anInterruptDuringAPostProcessorDestroysNothingAndRunsNothingMore() {
    PostProcessor interrupted =
        (ctx, input) -> {
          run.interrupts.trigger(); // Ctrl-C while, e.g., compress runs
          ctx.cancellation().throwIfCancelled();
          throw new AssertionError("not cancelled");
        };
    RunResult result =
        build(
            List.of(
                List.of(
                    pp("a", "artifice", Fakes.postProcessor("a1", false, false, journal), null),
                    pp("compress", "compress", interrupted, null)),
                List.of(pp("later", "x", Fakes.postProcessor("x1", false, false, journal), null))));

    assertThat(journal.entries())
        .noneMatch(e -> e.startsWith("destroy"))
        .noneMatch(e -> e.startsWith("pp x1"));
    BuildReport report = result.builds().get(0);
    assertThat(report.outcome()).isEqualTo(BuildReport.Outcome.CANCELLED);
    assertThat(report.artifacts()).extracting(ArtifactInfo::id).containsExactly("null", "a1");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
  }

  @Test
  void exceptSkipsThePostProcessorAndTheRestOfItsChain() {
    run.options = run.options.withExcept(Set.of("skipme"));
    RunResult result =
        build(
            List.of(
                List.of(
                    pp(
                        "first",
                        "shell-local",
                        Fakes.postProcessor(null, true, true, journal),
                        null),
                    pp("skipme", "compress", Fakes.postProcessor("c", false, false, journal), null),
                    pp("last", "manifest", Fakes.postProcessor(null, true, true, journal), null)),
                List.of(
                    pp(
                        "skipme",
                        "checksum",
                        Fakes.postProcessor("s", true, true, journal),
                        null))));

    assertThat(journal.entries()).containsExactly("pp (input) <- null");
    assertThat(ids(result)).containsExactly("null", "null");
  }

  @Test
  void nilArtifactStopsTheChainSilently() {
    PostProcessor nothing = (ctx, input) -> new PostProcessor.Result(null, true, false);
    RunResult result =
        build(
            List.of(
                List.of(
                    pp("nil", "nil", nothing, null),
                    pp("never", "manifest", Fakes.postProcessor("x", true, true, journal), null))));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(journal.entries()).noneMatch(e -> e.startsWith("pp x"));
  }
}
