package dev.imagebake.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.ec2.Ec2Request;
import dev.imagebake.testing.ec2.Leaks;
import dev.imagebake.testing.ec2.Resources;
import dev.imagebake.ui.BuildReport;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The copies to {@code ami_regions} run in parallel: the fake EC2 proves the overlap by its own
 * state (it holds each CopyImage until all three have arrived, and keeps the copies pending until
 * each copy's wait has polled it), and a failing copy cancels and rolls back the others.
 */
class EbsRegionCopyTest {
  private static final List<String> COPY_REGIONS = List.of("eu-west-1", "us-west-2", "ap-south-1");
  private static final String THREE =
      "{\"ami_regions\":[\"eu-west-1\",\"us-west-2\",\"ap-south-1\"]}";

  private final Ec2Harness h = new Ec2Harness();

  @AfterEach
  void close() {
    h.close();
  }

  /** Holds every CopyImage until three are in flight; a sequential step breaks the barrier. */
  private static AtomicBoolean barrierOnCopyImage(Ec2Harness x) {
    CyclicBarrier all = new CyclicBarrier(3);
    AtomicBoolean overlapped = new AtomicBoolean(true);
    x.ec2.onAction(
        "CopyImage",
        r -> {
          try {
            all.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            overlapped.set(false);
            all.reset();
          }
        });
    return overlapped;
  }

  private boolean isCopy(Ec2Request r) {
    return COPY_REGIONS.contains(r.region());
  }

  @Test
  void threeCopiesAreInFlightAndAwaitedAtOnce() {
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    AtomicBoolean overlapped = barrierOnCopyImage(h);
    // The copies stay pending until every copy has been polled while pending: waits that ran
    // one after the other would poll the first copy until aws_polling's attempts ran out.
    Set<String> polled = ConcurrentHashMap.newKeySet();
    h.ec2.onAction("CopyImage", r -> h.ec2.world().hold("image:pending"));
    h.ec2.onAction(
        "DescribeImages",
        r -> {
          if (isCopy(r) && r.get("ImageId.1") != null) {
            polled.add(r.get("ImageId.1"));
            if (polled.size() == 3) {
              h.ec2.world().release();
            }
          }
        });

    var out = h.build(h.block(THREE), List.of("true"));

    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(overlapped).as("all three CopyImage calls were in flight at once").isTrue();
    assertThat(polled).hasSize(3);
    List<Resources.Image> made =
        h.ec2.world().images().stream().filter(i -> !baseline.contains(i.id)).toList();
    assertThat(made.stream().map(i -> i.region).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("us-east-1", "eu-west-1", "us-west-2", "ap-south-1");
    assertThat(made).allSatisfy(i -> assertThat(i.state).isEqualTo("available"));
    assertThat(out.report().artifacts().get(0).description())
        .contains("eu-west-1: ", "us-west-2: ", "ap-south-1: ", "us-east-1: ");
    assertThat(
            Leaks.find(
                h.ec2.world(), baseline, made.stream().map(i -> i.id).collect(Collectors.toSet())))
        .isEmpty();
  }

  @Test
  @Timeout(120)
  void oneCopyFailingCancelsAndRollsBackTheOthers() {
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    AtomicBoolean overlapped = barrierOnCopyImage(h);
    // The two good copies never become available on their own, and their waits would poll for
    // a very long time: only the cancellation by the failed copy ends them.
    h.ec2.onAction("CopyImage", r -> h.ec2.world().hold("image:pending"));
    h.ec2.faults().failNth("CopyImage", 3, 400, "InvalidParameterValue", "injected copy failure");

    var out =
        h.build(
            h.block(
                EbsTemplates.with(
                    THREE, "{\"aws_polling\":{\"delay_seconds\":0,\"max_attempts\":1000000}}")),
            List.of("true"));

    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(overlapped).isTrue();
    assertThat(out.console())
        .contains("Error Copying AMI (", "injected copy failure")
        .doesNotContain("Error waiting for AMI");
    // Two copies were made, then rolled back with the AMI of the build region.
    List<String> copied =
        h.ec2.calls("DeregisterImage").stream().filter(this::isCopy).map(r -> r.region()).toList();
    assertThat(copied).hasSize(2);
    assertThat(h.ec2.calls("DeregisterImage").stream().filter(r -> !isCopy(r))).hasSize(1);
    assertThat(h.ec2.calls("DeleteSnapshot").stream().filter(this::isCopy)).isNotEmpty();
    assertThat(Leaks.find(h.ec2.world(), baseline, Set.of())).isEmpty();
  }
}
