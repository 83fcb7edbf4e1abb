package dev.imagebake.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.builder.amazon.common.AccessConfig;
import dev.imagebake.builder.amazon.common.AwsPolling;
import dev.imagebake.builder.amazon.common.AwsSession;
import dev.imagebake.builder.amazon.common.AwsTuning;
import dev.imagebake.builder.amazon.common.Polling;
import dev.imagebake.builder.amazon.common.Waits;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.testing.TestCancellation;
import dev.imagebake.testing.ec2.Ec2World;
import dev.imagebake.testing.ec2.FakeEc2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS session, waits and artifact on their own, against the fake EC2. */
class EbsUnitsTest {
  private final FakeEc2 fake = FakeEc2.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  private AccessConfig access(String accessKey, String profile, String credentialsFile) {
    return new AccessConfig(
        accessKey,
        accessKey == null ? null : "secret",
        null,
        profile,
        credentialsFile,
        "us-east-1",
        fake.endpoint().toString(),
        false,
        null,
        null,
        2,
        null,
        null,
        new AwsPolling(0, 5));
  }

  @Test
  void profileCredentialsSignTheRequests(@TempDir Path dir) throws Exception {
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = x\n"
            + "[builder]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = y\n");
    try (AwsSession session =
        new AwsSession(access(null, "builder", credentials.toString()), AwsTuning.standard())) {
      session.ec2().describeRegions();
    }
    assertThat(fake.calls().get(0).accessKeyId()).isEqualTo("AKIDPROFILE");
  }

  @Test
  void staticKeysWinAndRetriesFollowMaxRetries() {
    fake.faults().throttle("DescribeRegions", 5);
    try (AwsSession session =
        new AwsSession(
            access("AKIDSTATIC", null, null),
            new AwsTuning(Duration.ofMillis(1), Duration.ofMillis(1)))) {
      // max_retries 2: three attempts, all throttled.
      assertThatThrownBy(() -> session.ec2().describeRegions())
          .hasMessageContaining("Request limit exceeded");
    }
    assertThat(fake.calls())
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.accessKeyId()).isEqualTo("AKIDSTATIC"));
  }

  @Test
  void waitsAreCancellable() {
    TestCancellation cancellation = new TestCancellation();
    fake.world().hold("instance:pending");
    try (AwsSession session =
        new AwsSession(access("AKIDSTATIC", null, null), AwsTuning.standard())) {
      var ec2 = session.ec2();
      String id =
          ec2.runInstances(
                  b ->
                      b.imageId(Ec2World.SEED_AMI).instanceType("t1.micro").minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      fake.onAction("DescribeInstances", r -> cancellation.cancel("interrupted"));
      Waits waits = new Waits(new Polling(Duration.ofSeconds(30), 40, 120), cancellation);
      // The pause between polls is 30 s; cancelling ends it at once.
      assertThatThrownBy(() -> waits.instanceRunning(ec2, id))
          .isInstanceOf(CancelledException.class);
      assertThat(fake.calls("DescribeInstances")).hasSize(1);
    }
  }

  @Test
  void exhaustedWaitSaysWhatItWaitedFor() {
    fake.world().hold("instance:pending");
    try (AwsSession session =
        new AwsSession(access("AKIDSTATIC", null, null), AwsTuning.standard())) {
      var ec2 = session.ec2();
      String id =
          ec2.runInstances(
                  b ->
                      b.imageId(Ec2World.SEED_AMI).instanceType("t1.micro").minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      Waits waits = new Waits(Polling.of(new AwsPolling(0, 3)), new TestCancellation());
      assertThatThrownBy(() -> waits.instanceRunning(ec2, id))
          .hasMessageStartingWith("Error waiting for instance (" + id + ") to become ready: ")
          .hasMessageContaining("max retry attempts");
      assertThat(fake.calls("DescribeInstances")).hasSize(3);
    }
  }

  @Test
  void artifactDescribesAndDestroys() throws Exception {
    AccessConfig access = access("AKIDSTATIC", null, null);
    String ami;
    try (AwsSession session = new AwsSession(access, AwsTuning.standard())) {
      var ec2 = session.ec2();
      String id =
          ec2.runInstances(
                  b ->
                      b.imageId(Ec2World.SEED_AMI).instanceType("t1.micro").minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      ec2.describeInstances(b -> b.instanceIds(id));
      ec2.describeInstances(b -> b.instanceIds(id));
      ami = ec2.createImage(b -> b.instanceId(id).name("to-destroy")).imageId();
    }
    int snapshotsBefore = fake.world().snapshots().size();
    AmiArtifact artifact =
        new AmiArtifact(
            Map.of("us-east-1", ami),
            Map.of("SourceAMI", Ec2World.SEED_AMI),
            access,
            AwsTuning.standard());
    assertThat(artifact.builderId()).isEqualTo("mitchellh.amazonebs");
    assertThat(artifact.id()).isEqualTo("us-east-1:" + ami);
    assertThat(artifact.describe()).isEqualTo("AMIs were created:\nus-east-1: " + ami + "\n");
    assertThat(artifact.toString()).doesNotContain("secret");
    artifact.destroy();
    String made = ami;
    assertThat(fake.world().images()).noneMatch(i -> i.id.equals(made));
    assertThat(fake.world().snapshots()).hasSize(snapshotsBefore - 2);
  }

  @Test
  void pollingDefaultsFollowPacker() {
    assertThat(Polling.of(null)).isEqualTo(new Polling(Duration.ofSeconds(15), 40, 120));
    assertThat(Polling.of(new AwsPolling(2, 7)))
        .isEqualTo(new Polling(Duration.ofSeconds(2), 7, 7));
  }
}
