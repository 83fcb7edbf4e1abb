package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.ec2.Ec2Request;
import dev.imagebake.testing.ec2.FakeEc2;
import dev.imagebake.testing.ec2.Leaks;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal sweep of issue 12 for amazon-ebs: every signal pattern ({@link SignalPattern}) at
 * every wait of the builder, sent to a real {@code bin/imagebake build} process running against the
 * local EC2 endpoint (whose instances are a local sshd). Each build must exit 130, say "Cleanly
 * cancelled", skip no cleanup, and leave nothing in the EC2 world: no instance, key pair, security
 * group, launch template, volume, snapshot or AMI.
 *
 * <p>An EC2 wait is pinned by an EC2 hook that sends the signals while the build's poll waits for
 * its answer, and answers only once the build announced the interrupt; the SSH and provisioner
 * waits are pinned by the build's own output.
 */
class SignalSweepEbsIT {
  private static OpenSshServer sshd;

  @TempDir Path work;

  @BeforeAll
  static void startSshd() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopSshd() {
    sshd.close();
  }

  /**
   * One wait of the builder.
   *
   * @param action the EC2 call whose poll the signal lands in, or null for an output-pinned wait
   * @param hold the fake's transition to hold so the wait lasts, or null
   * @param when which call of {@code action} (the world is given too)
   * @param output the build's line that pins an output-pinned wait
   */
  private record Wait(
      String name,
      String action,
      String hold,
      BiPredicate<FakeEc2, Ec2Request> when,
      String output,
      String block) {}

  private static final String PLAIN = "";

  private static List<Wait> waits() {
    return List.of(
        new Wait(
            "security group exists", "DescribeSecurityGroups", null, (f, r) -> true, null, PLAIN),
        new Wait(
            "instance running",
            "DescribeInstances",
            "instance:pending",
            (f, r) -> true,
            null,
            PLAIN),
        new Wait(
            "SSH",
            null,
            null,
            null,
            "Waiting for SSH to become available",
            "\"ssh_port\": %d, \"ssh_timeout\": \"5m\"".formatted(closedPort())),
        new Wait("provisioner", null, null, null, "sweep: provisioning", PLAIN),
        new Wait(
            "instance stopped",
            "DescribeInstances",
            "instance:stopping",
            (f, r) -> f.world().instances().stream().anyMatch(i -> i.state.equals("stopping")),
            null,
            PLAIN),
        new Wait(
            "image available",
            "DescribeImages",
            "image:pending",
            (f, r) -> r.get("ImageId.1") != null && pending(f, r.get("ImageId.1")),
            null,
            PLAIN),
        new Wait(
            "copy available",
            "DescribeImages",
            null,
            (f, r) -> r.region().equals("eu-west-1") && pending(f, r.get("ImageId.1")),
            null,
            PLAIN));
  }

  private static boolean pending(FakeEc2 fake, String imageId) {
    return imageId != null
        && fake.world().images().stream()
            .anyMatch(i -> i.id.equals(imageId) && i.state.equals("pending"));
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everySignalPatternAtEveryWaitCleansUpEverything() throws Exception {
    List<String> failures = new ArrayList<>();
    int runs = 0;
    int bursts = 0;
    for (Wait wait : waits()) {
      for (SignalPattern pattern : SignalPattern.values()) {
        runs++;
        String output = sweepOne(wait, pattern, failures);
        if (output.contains("(a burst)") || output.contains("Ignoring terminated")) {
          bursts++;
        }
      }
    }
    System.out.println(
        "signal sweep, amazon-ebs: "
            + runs
            + " builds ("
            + waits().size()
            + " waits x "
            + SignalPattern.values().length
            + " patterns), "
            + bursts
            + " saw a later signal and ignored it (the kernel merges a signal into the same one"
            + " still pending), "
            + failures.size()
            + " failed");
    assertThat(failures).isEmpty();
  }

  /** One build, signalled at {@code wait}; adds what went wrong to {@code failures}. */
  private String sweepOne(Wait wait, SignalPattern pattern, List<String> failures)
      throws Exception {
    String label = wait.name() + " x " + pattern;
    Path dir = Files.createDirectories(work.resolve(label.replaceAll("[^a-zA-Z0-9]+", "-")));
    try (FakeEc2 ec2 = FakeEc2.start()) {
      ec2.world().keyAuthorizer(sshd::authorize);
      Set<String> baseline = Leaks.baseline(ec2.world());
      if (wait.hold() != null) {
        ec2.world().hold(wait.hold());
      }
      if (wait.name().equals("copy available")) {
        ec2.onAction("CopyImage", r -> ec2.world().hold("image:pending"));
      }
      Path template = dir.resolve("template.json");
      Files.writeString(template, template(ec2, wait));
      AtomicReference<SignalPattern.Build> build = new AtomicReference<>();
      AtomicBoolean fired = new AtomicBoolean();
      if (wait.action() != null) {
        ec2.onAction(
            wait.action(),
            r -> {
              if (build.get() != null
                  && wait.when().test(ec2, r)
                  && fired.compareAndSet(false, true)) {
                // The poll gets its answer only once the build took the interrupt.
                build.get().signal();
                build.get().awaitOutput("Cancelling build after receiving");
              }
            });
      }
      build.set(pattern.start(dir, Map.of(), "build", "-color=false", template.toString()));
      if (wait.output() != null) {
        build.get().awaitOutput(wait.output());
        fired.set(true);
        build.get().signal();
      }
      int code = build.get().awaitExit();
      String output = build.get().output();
      List<String> problems = new ArrayList<>();
      if (!fired.get()) {
        problems.add("the wait was never reached");
      }
      if (code != 130) {
        problems.add("exit code " + code);
      }
      if (!output.contains("Cancelling build after receiving ")) {
        problems.add("no 'Cancelling build after receiving'");
      }
      if (!output.contains("Cleanly cancelled builds after being interrupted.")) {
        problems.add("no 'Cleanly cancelled'");
      }
      // The kernel merges a signal into the same one still pending, so a burst of one signal may
      // arrive as one; INT then TERM always arrives as two.
      // (The JVM hands each signal to a thread of its own, so TERM may be taken first.)
      if (pattern == SignalPattern.INT_THEN_TERM && !output.contains("Ignoring ")) {
        problems.add("the second of INT and TERM was not seen");
      }
      for (String bad : List.of("skipping cleanup", "Left behind", "Interrupted again")) {
        if (output.contains(bad)) {
          problems.add("'" + bad + "'");
        }
      }
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(f -> f.getFileName().toString().startsWith("imagebake-leftovers-"))
            .forEach(f -> problems.add("a leftovers file " + f.getFileName()));
      }
      ec2.world().release();
      problems.addAll(Leaks.find(ec2.world(), baseline, Set.of()));
      if (!problems.isEmpty()) {
        failures.add(label + ": " + problems + "\n" + output);
      }
      return output;
    }
  }

  @Test
  void aDeliberateSecondCtrlCSkipsTheCleanupsStopsTheInstanceAndListsWhatIsLeft() throws Exception {
    try (FakeEc2 ec2 = FakeEc2.start()) {
      ec2.world().keyAuthorizer(sshd::authorize);
      ec2.world().hold("image:pending");
      Path template = work.resolve("template.json");
      Files.writeString(template, template(ec2, new Wait("skip", null, null, null, null, PLAIN)));
      AtomicReference<SignalPattern.Build> build = new AtomicReference<>();
      AtomicBoolean first = new AtomicBoolean();
      AtomicBoolean second = new AtomicBoolean();
      ec2.onAction(
          "DescribeImages",
          r -> {
            if (build.get() == null || !pending(ec2, r.get("ImageId.1"))) {
              return;
            }
            SignalPattern.Build b = build.get();
            if (first.compareAndSet(false, true)) {
              b.signal(); // during the wait for the AMI
              b.awaitOutput("Cancelling build after receiving");
            } else if (second.compareAndSet(false, true)) {
              // The AMI's cleanup looks it up: Ctrl-C again until the grace period is over.
              while (!b.output().contains("Interrupted again")) {
                int seen = count(b.output(), "Ignoring interrupt");
                b.signal();
                awaitMore(b, seen);
              }
            }
          });
      build.set(
          SignalPattern.ONE.start(
              work,
              Map.of("IMAGEBAKE_JAVA_OPTS", "-Dimagebake.interrupt.grace=0.3"),
              "build",
              "-color=false",
              template.toString()));
      int code = build.get().awaitExit();
      String output = build.get().output();

      assertThat(code).as(output).isEqualTo(130);
      assertThat(second).as(output).isTrue();
      assertThat(output)
          .contains("press Ctrl-C again 300 ms from now or later")
          .contains("Interrupted again: skipping the remaining cleanups")
          .containsPattern(
              "Stopped EC2 instance i-[0-9a-f]+ \\(us-east-1\\) \\(cleanups skipped\\)")
          .containsPattern(
              "Left behind: EC2 key pair packer_[0-9a-f-]+ \\(us-east-1\\); delete it by hand: aws ec2 delete-key-pair")
          .containsPattern("Left behind: EC2 security group sg-[0-9a-f]+ \\(us-east-1\\)")
          .containsPattern(
              "Cancelled builds after being interrupted, but not cleanly: cleanups were skipped; \\d"
                  + " resources left behind, listed in imagebake-leftovers-.*\\.json")
          .doesNotContain("Cleanly cancelled");
      // The instance was terminated even so.
      assertThat(ec2.actions()).contains("TerminateInstances");
      assertThat(ec2.world().instances())
          .allSatisfy(i -> assertThat(i.state).isIn("shutting-down", "terminated"));
      // The file lists exactly what is left in the world, by id.
      Path file;
      try (Stream<Path> files = Files.list(work)) {
        file =
            files
                .filter(f -> f.getFileName().toString().startsWith("imagebake-leftovers-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no leftovers file:\n" + output));
      }
      var json = new tools.jackson.databind.json.JsonMapper().readTree(Files.readString(file));
      List<String> listed = new ArrayList<>();
      json.get("resources").forEach(r -> listed.add(r.get("id").asString()));
      List<String> left = new ArrayList<>();
      ec2.world().keyPairs().forEach(k -> left.add(k.name));
      ec2.world().securityGroups().forEach(g -> left.add(g.id));
      // Volumes that go with the (shutting-down) instance are not left behind.
      ec2.world().volumes().stream()
          .filter(v -> !v.deleteOnTermination)
          .forEach(v -> left.add(v.id));
      assertThat(listed).as(output).containsExactlyInAnyOrderElementsOf(left).isNotEmpty();
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** Waits until the build answered the last Ctrl-C (ignored, or skipping). */
  private static void awaitMore(SignalPattern.Build b, int ignoredBefore) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (count(b.output(), "Ignoring interrupt") == ignoredBefore
        && !b.output().contains("Interrupted again")) {
      if (System.nanoTime() > deadline || !b.process().isAlive()) {
        throw new AssertionError("the build did not answer Ctrl-C:\n" + b.output());
      }
      Thread.onSpinWait();
    }
  }

  private static String template(FakeEc2 ec2, Wait wait) {
    String provisioners =
        wait.name().equals("provisioner")
            ? "[{\"type\": \"shell\", \"inline\": [\"echo sweep: provisioning\", \"sleep 61.5\"]}]"
            : "[]";
    String ssh =
        wait.block().isEmpty()
            ? "\"ssh_port\": %d, \"ssh_timeout\": \"60s\"".formatted(sshd.port())
            : wait.block();
    return """
        {"builders": [{"type": "amazon-ebs", "region": "us-east-1", "source_ami": "ami-e50e888c",
          "instance_type": "t1.micro", "ssh_username": "%s", "ami_name": "sweep {{timestamp}}",
          "ami_regions": ["eu-west-1"], "custom_endpoint_ec2": "%s", "access_key": "AKIDTEST",
          "secret_key": "not-a-secret", %s,
          "aws_polling": {"delay_seconds": 0, "max_attempts": 600}}],
         "provisioners": %s}
        """
        .formatted(sshd.user(), ec2.endpoint(), ssh, provisioners);
  }
}
