package dev.imagebake.builder.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.Connector;
import dev.imagebake.testing.digitalocean.DoLeaks;
import dev.imagebake.testing.digitalocean.DoRequest;
import dev.imagebake.ui.BuildReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing leaks: a failure injected at every API call of the build in turn, lost answers, SSH and
 * provisioner failures, and an interrupt during every wait; after each, the endpoint holds no
 * droplet, no SSH key, and no snapshot but a successful build's.
 */
class DigitalOceanLeakMatrixTest {
  /** Exercises every step: the region check, transfers, a named droplet. */
  private static final String RICH =
      """
      {"snapshot_regions":["ams3","lon1"],"droplet_name":"web-builder","tags":["ci"]}
      """;

  private static DoHarness h;

  @BeforeAll
  static void start() {
    h = new DoHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private record Point(
      String name, List<String> leaks, BuildReport.Outcome outcome, String console) {}

  private static Point run(
      String name, Consumer<DoHarness> arrange, String extra, List<String> inline) {
    h.reset();
    Set<Long> baseline = DoLeaks.baseline(h.api.world());
    arrange.accept(h);
    var out = h.build(h.block(extra), inline);
    // A successful build keeps its snapshot; anything else new is a leak.
    Set<Long> kept =
        out.report().outcome() == BuildReport.Outcome.SUCCEEDED
            ? h.api.world().images().stream()
                .map(i -> i.id)
                .filter(id -> !baseline.contains(id))
                .collect(Collectors.toSet())
            : Set.of();
    assertThat(kept).as(name).hasSizeLessThanOrEqualTo(1);
    return new Point(
        name, DoLeaks.find(h.api.world(), baseline, kept), out.report().outcome(), out.console());
  }

  @Test
  void failureAtEveryCallLostAnswersAndInterruptsInEveryWaitLeaveNothing() {
    // The reference build: which calls happen before the cleanups start.
    h.reset();
    var reference = h.build(h.block(RICH), List.of("true"));
    assertThat(reference.report().outcome())
        .as(reference.console())
        .isEqualTo(BuildReport.Outcome.SUCCEEDED);
    List<String> all = h.api.ops();
    List<String> runPhase = new ArrayList<>(all.subList(0, all.lastIndexOf("getImageAction") + 1));
    assertThat(runPhase)
        .contains(
            "listRegions",
            "createKey",
            "listDroplets",
            "createDroplet",
            "getDroplet",
            "dropletAction.shutdown",
            "dropletAction.snapshot",
            "getDropletAction",
            "dropletSnapshots",
            "imageAction.transfer",
            "getImageAction");

    List<Point> failures = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String op : runPhase) {
      int nth = seen.merge(op, 1, Integer::sum);
      failures.add(
          run(
              "fail " + op + " #" + nth,
              x ->
                  x.api
                      .faults()
                      .failNth(op, nth, 403, "forbidden", "injected at " + op + " #" + nth),
              RICH,
              List.of("true")));
    }
    // The API acted but the answers were lost: the builder finds what it made (by the key's and
    // the droplet's name, among the droplet's actions) or retries what is safe to repeat.
    List<Point> lost = new ArrayList<>();
    for (String op :
        List.of(
            "createKey",
            "createDroplet",
            "dropletAction.shutdown",
            "dropletAction.snapshot",
            "imageAction.transfer",
            "deleteDroplet",
            "deleteKey")) {
      lost.add(
          run(
              "answer of " + op + " lost",
              x -> x.api.faults().loseAnswers(op, 1),
              RICH,
              List.of("true")));
    }
    List<Point> others = new ArrayList<>();
    others.add(run("provisioner fails", x -> {}, RICH, List.of("exit 3")));
    others.add(
        run(
            "SSH refused",
            x -> {},
            DoHarness.with(RICH, "{\"ssh_port\":1,\"ssh_timeout\":\"2s\"}"),
            List.of("true")));
    others.add(
        run(
            "SSH key not authorized",
            x -> x.api.world().keyAuthorizer(line -> {}),
            DoHarness.with(RICH, "{\"ssh_timeout\":\"3s\",\"ssh_handshake_attempts\":1}"),
            List.of("true")));
    others.add(
        run(
            "droplet never goes off (state_timeout)",
            x -> x.api.world().ignoreShutdowns(),
            DoHarness.with(RICH, "{\"state_timeout\":\"300ms\"}"),
            List.of("true")));
    others.add(
        run(
            "the token is refused",
            x -> {},
            DoHarness.with(RICH, "{\"api_token\":\"another-token\"}"),
            List.of("true")));

    List<Point> interrupts = new ArrayList<>();
    interrupts.add(
        interruptDuring("droplet active", "droplet:new", "getDroplet", r -> true, false));
    interrupts.add(
        interruptDuring(
            "droplet off",
            "action:shutdown",
            "getDroplet",
            r -> h.api.ops().contains("dropletAction.shutdown"),
            false));
    interrupts.add(
        interruptDuring("snapshot", "action:snapshot", "getDropletAction", r -> true, true));
    interrupts.add(
        interruptDuring("transfer", "action:transfer", "getImageAction", r -> true, false));
    interrupts.add(interruptWhileConnecting());

    List<Point> points = new ArrayList<>();
    points.addAll(failures);
    points.addAll(lost);
    points.addAll(others);
    points.addAll(interrupts);
    Map<String, List<String>> leaked = new LinkedHashMap<>();
    points.stream().filter(p -> !p.leaks().isEmpty()).forEach(p -> leaked.put(p.name(), p.leaks()));
    System.out.println(
        "digitalocean leak matrix: "
            + points.size()
            + " injection points tried ("
            + failures.size()
            + " API call failures, "
            + lost.size()
            + " lost answers, "
            + others.size()
            + " SSH/provisioner/timeout/auth failures, "
            + interrupts.size()
            + " interrupts), "
            + leaked.size()
            + " left something behind");
    assertThat(leaked).isEmpty();
    assertThat(failures)
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isEqualTo(BuildReport.Outcome.ERRORED));
    assertThat(others)
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isEqualTo(BuildReport.Outcome.ERRORED));
    // Every lost answer is recovered from: the build goes on and succeeds.
    assertThat(lost)
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isEqualTo(BuildReport.Outcome.SUCCEEDED));
    assertThat(interrupts)
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isEqualTo(BuildReport.Outcome.CANCELLED));
    assertThat(others.get(4).console())
        .doesNotContain("another-token")
        .doesNotContain("fake-do-token");
  }

  /**
   * Interrupts the build at the first {@code op} call matching {@code when} while {@code hold}
   * keeps the awaited state from coming; with {@code release}, the hold ends then (so the cleanup
   * sees the snapshot finish, as it would at DigitalOcean).
   */
  private static Point interruptDuring(
      String wait, String hold, String op, Predicate<DoRequest> when, boolean release) {
    AtomicBoolean fired = new AtomicBoolean();
    return run(
        "interrupt during " + wait,
        x -> {
          x.api.world().hold(hold);
          x.api.onOp(
              op,
              r -> {
                if (when.test(r) && fired.compareAndSet(false, true)) {
                  x.interrupts.trigger();
                  if (release) {
                    x.api.world().release(hold);
                  }
                }
              });
        },
        RICH,
        List.of("true"));
  }

  private static Point interruptWhileConnecting() {
    return run(
        "interrupt during SSH",
        x ->
            x.connectorWrapper =
                real ->
                    (Connector)
                        (config, target, ctx) -> {
                          x.interrupts.trigger();
                          return real.connect(config, target, ctx);
                        },
        RICH,
        List.of("true"));
  }
}
