package dev.imagebake.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.Connector;
import dev.imagebake.testing.ec2.Ec2Request;
import dev.imagebake.testing.ec2.Leaks;
import dev.imagebake.testing.ec2.Resources;
import dev.imagebake.ui.BuildReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing leaks: a failure injected at every EC2 call of the build in turn, at the provisioner and
 * at SSH, and an interrupt during every wait; after each, the endpoint holds no live instance, key
 * pair, security group, launch template, orphan volume, half-made AMI or snapshot.
 */
class EbsLeakMatrixTest {
  /** Exercises most steps: copies, permissions, tags, ENA, force_deregister. */
  private static final String RICH =
      """
      {"ami_regions":["eu-west-1"],"ami_users":["111122223333"],"snapshot_users":["111122223333"],
       "tags":{"Name":"img {{ .SourceAMIName }}","Region":"{{ .BuildRegion }}"},
       "snapshot_tags":{"S":"1"},"run_volume_tags":{"V":"1"},"ami_description":"from {{ .SourceAMI }}",
       "ena_support":true,"force_deregister":true}
      """;

  /** RICH with three copy regions, copied in parallel. */
  private static final String THREE_REGIONS =
      EbsTemplates.with(RICH, "{\"ami_regions\":[\"eu-west-1\",\"us-west-2\",\"ap-south-1\"]}");

  private static Ec2Harness h;

  @BeforeAll
  static void start() {
    h = new Ec2Harness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private record Point(
      String name, List<String> leaks, BuildReport.Outcome outcome, String console) {}

  private static Point run(
      String name, Consumer<Ec2Harness> arrange, String extra, List<String> inline) {
    h.reset();
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    arrange.accept(h);
    var out = h.build(h.block(extra), inline);
    return new Point(
        name, Leaks.find(h.ec2.world(), baseline, Set.of()), out.report().outcome(), out.console());
  }

  @Test
  void failureAtEveryStepAndInterruptDuringEveryWaitLeaveNothing() {
    // The reference build: which EC2 calls happen before the cleanups start.
    h.reset();
    var reference = h.build(h.block(RICH), List.of("true"));
    assertThat(reference.report().outcome())
        .as(reference.console())
        .isEqualTo(BuildReport.Outcome.SUCCEEDED);
    // The last run-phase call of this template is StepCreateTags' last CreateTags.
    List<String> all = h.ec2.actions();
    List<String> runPhase = new ArrayList<>(all.subList(0, all.lastIndexOf("CreateTags") + 1));
    assertThat(runPhase)
        .contains("CopyImage", "ModifyImageAttribute", "CreateTags", "ModifyInstanceAttribute");

    List<Point> points = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String action : runPhase) {
      int nth = seen.merge(action, 1, Integer::sum);
      points.add(
          run(
              "fail " + action + " #" + nth,
              x ->
                  x.ec2
                      .faults()
                      .failNth(
                          action,
                          nth,
                          400,
                          "UnauthorizedOperation",
                          "injected at " + action + " #" + nth),
              RICH,
              List.of("true")));
    }
    // EC2 acted but every answer was lost: the cleanups find what was made by the name or the
    // client token recorded before the call.
    List<String> lost =
        List.of("CreateKeyPair", "CreateSecurityGroup", "RunInstances", "CreateImage", "CopyImage");
    for (String action : lost) {
      points.add(
          run(
              "answers of " + action + " lost",
              x -> x.ec2.faults().loseAnswers(action, 100),
              RICH,
              List.of("true")));
    }
    points.add(run("provisioner fails", x -> {}, RICH, List.of("exit 3")));
    points.add(
        run(
            "SSH refused",
            x -> {},
            EbsTemplates.with(RICH, "{\"ssh_port\":1,\"ssh_timeout\":\"2s\"}"),
            List.of("true")));
    points.add(
        run(
            "SSH key not authorized",
            x -> x.ec2.world().keyAuthorizer(line -> {}),
            EbsTemplates.with(RICH, "{\"ssh_timeout\":\"3s\",\"ssh_handshake_attempts\":1}"),
            List.of("true")));

    // Interrupts during every wait.
    points.add(
        interruptDuring("instance running", "DescribeInstances", "instance:pending", r -> true));
    points.add(interruptDuring("security group exists", "DescribeSecurityGroups", null, r -> true));
    points.add(
        interruptDuring(
            "instance stopped",
            "DescribeInstances",
            "instance:stopping",
            r -> h.ec2.world().instances().stream().anyMatch(i -> i.state.equals("stopping"))));
    points.add(
        interruptDuring(
            "image available",
            "DescribeImages",
            "image:pending",
            r -> r.get("ImageId.1") != null && pending(r.get("ImageId.1"))));
    points.add(
        interruptDuring(
            "copy available",
            "DescribeImages",
            null,
            r -> r.region().equals("eu-west-1") && pending(r.get("ImageId.1"))));
    // Three copies in parallel, interrupted once all three are pending: every copy rolled back.
    points.add(
        interruptDuring(
            "three copies available",
            "DescribeImages",
            null,
            r ->
                !r.region().equals("us-east-1")
                    && h.ec2.world().images().stream()
                            .filter(i -> !i.region.equals("us-east-1") && i.state.equals("pending"))
                            .count()
                        == 3,
            THREE_REGIONS));
    points.add(interruptWhileConnecting());

    Map<String, List<String>> leaked = new LinkedHashMap<>();
    points.stream().filter(p -> !p.leaks().isEmpty()).forEach(p -> leaked.put(p.name(), p.leaks()));
    System.out.println(
        "amazon-ebs leak matrix: "
            + points.size()
            + " injection points tried ("
            + runPhase.size()
            + " EC2 call failures, "
            + lost.size()
            + " lost answers, 3 SSH/provisioner failures, 7 interrupts), "
            + leaked.size()
            + " left something behind");
    assertThat(leaked).isEmpty();
    assertThat(points)
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isNotEqualTo(BuildReport.Outcome.SUCCEEDED));
    assertThat(points.stream().filter(p -> p.name().startsWith("interrupt")))
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isEqualTo(BuildReport.Outcome.CANCELLED));
  }

  private static boolean pending(String imageId) {
    return h.ec2.world().images().stream()
        .anyMatch(i -> i.id.equals(imageId) && i.state.equals("pending"));
  }

  private static Point interruptDuring(
      String wait, String action, String hold, java.util.function.Predicate<Ec2Request> when) {
    return interruptDuring(wait, action, hold, when, RICH);
  }

  private static Point interruptDuring(
      String wait,
      String action,
      String hold,
      java.util.function.Predicate<Ec2Request> when,
      String template) {
    AtomicBoolean fired = new AtomicBoolean();
    return run(
        "interrupt during " + wait,
        x -> {
          if (hold != null) {
            x.ec2.world().hold(hold);
          }
          if (wait.contains("copy available") || wait.contains("copies available")) {
            x.ec2.onAction("CopyImage", r -> x.ec2.world().hold("image:pending"));
          }
          x.ec2.onAction(
              action,
              r -> {
                if (when.test(r) && fired.compareAndSet(false, true)) {
                  x.interrupts.trigger();
                }
              });
        },
        template,
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

  @Test
  void spotBuildCleansUpItsLaunchTemplate() {
    h.reset();
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    var out =
        h.build(
            h.block(
                "{\"instance_type\":\"\",\"spot_price\":\"auto\",\"spot_instance_types\":[\"t3.micro\",\"t3a.micro\"]}"),
            List.of("true"));
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(h.ec2.actions())
        .contains("CreateLaunchTemplate", "CreateFleet", "DeleteLaunchTemplate")
        .doesNotContain("StopInstances");
    Set<String> made = new java.util.HashSet<>();
    h.ec2.world().images().stream()
        .filter(i -> !baseline.contains(i.id))
        .forEach(i -> made.add(i.id));
    assertThat(made).hasSize(1);
    assertThat(Leaks.find(h.ec2.world(), baseline, made)).isEmpty();
    assertThat(h.ec2.world().instances()).allSatisfy(i -> assertThat(i.spot).isTrue());
    assertThat(Resources.class).isNotNull();
  }

  @Test
  void spotFailuresLeaveNothing() {
    String spot =
        "{\"instance_type\":\"\",\"spot_price\":\"0.05\",\"spot_instance_types\":[\"t3.micro\"]}";
    List<Point> points =
        List.of(
            run(
                "spot: CreateFleet unauthorized",
                x -> x.ec2.faults().failAlways("CreateFleet", 403, "UnauthorizedOperation", "no"),
                spot,
                List.of("true")),
            run(
                "spot: answers of CreateLaunchTemplate lost",
                x -> x.ec2.faults().loseAnswers("CreateLaunchTemplate", 100),
                spot,
                List.of("true")),
            run(
                "spot: answers of CreateFleet lost once",
                x -> x.ec2.faults().loseAnswers("CreateFleet", 1),
                spot,
                List.of("exit 1")));
    assertThat(points)
        .allSatisfy(p -> assertThat(p.leaks()).as(p.name() + "\n" + p.console()).isEmpty());
    assertThat(points)
        .allSatisfy(p -> assertThat(p.outcome()).isEqualTo(BuildReport.Outcome.ERRORED));
  }
}
