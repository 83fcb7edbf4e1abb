package dev.imagebake.testing.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** The fake EC2 against the real SDK client: wire format, state machines, faults. */
class FakeEc2Test {
  private final FakeEc2 fake = FakeEc2.start();
  private final List<Ec2Client> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(Ec2Client::close);
    fake.close();
  }

  private Ec2Client client(String region) {
    Ec2Client c =
        Ec2Client.builder()
            .endpointOverride(fake.endpoint())
            .region(Region.of(region))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .httpClient(UrlConnectionHttpClient.builder().build())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(4)
                            .backoffStrategy(BackoffStrategy.retryImmediately())
                            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                            .circuitBreakerEnabled(false)
                            .build()))
            .build();
    clients.add(c);
    return c;
  }

  private Ec2Waiter waiter(Ec2Client c) {
    return Ec2Waiter.builder()
        .client(c)
        .overrideConfiguration(
            WaiterOverrideConfiguration.builder()
                .maxAttempts(10)
                .backoffStrategyV2(BackoffStrategy.retryImmediately())
                .build())
        .build();
  }

  @Test
  void describesTheSeedImage() {
    List<Image> images =
        client("us-east-1").describeImages(b -> b.imageIds(Ec2World.SEED_AMI)).images();
    assertThat(images)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.name()).startsWith(Ec2World.SEED_AMI_NAME);
              assertThat(i.blockDeviceMappings()).hasSize(2);
              assertThat(i.rootDeviceTypeAsString()).isEqualTo("ebs");
            });
  }

  @Test
  void unknownImageIsEc2NotFound() {
    assertThatThrownBy(() -> client("us-east-1").describeImages(b -> b.imageIds("ami-missing")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
              assertThat(e.statusCode()).isEqualTo(400);
            });
  }

  @Test
  void instanceLifecycleThroughTheSdkWaiters() {
    Ec2Client ec2 = client("us-east-1");
    String id =
        ec2.runInstances(
                b -> b.imageId(Ec2World.SEED_AMI).instanceType("t1.micro").minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    Ec2Waiter waiter = waiter(ec2);
    waiter.waitUntilInstanceRunning(b -> b.instanceIds(id));
    ec2.stopInstances(b -> b.instanceIds(id));
    waiter.waitUntilInstanceStopped(b -> b.instanceIds(id));
    String ami = ec2.createImage(b -> b.instanceId(id).name("made-1")).imageId();
    waiter.waitUntilImageAvailable(b -> b.imageIds(ami));
    ec2.terminateInstances(b -> b.instanceIds(id));
    waiter.waitUntilInstanceTerminated(b -> b.instanceIds(id));

    assertThat(fake.world().instances())
        .singleElement()
        .satisfies(i -> assertThat(i.state).isEqualTo(InstanceStateName.TERMINATED.toString()));
    // The source image's second volume is not deleted on termination: it is left available.
    assertThat(fake.world().volumes())
        .singleElement()
        .satisfies(v -> assertThat(v.state).isEqualTo("available"));
    assertThat(fake.world().images()).anySatisfy(i -> assertThat(i.name).isEqualTo("made-1"));
  }

  @Test
  void keyPairsAreRealAndAuthorized(@TempDir Path dir) throws Exception {
    List<String> authorized = new ArrayList<>();
    fake.world().keyAuthorizer(authorized::add);
    Ec2Client ec2 = client("us-east-1");
    var ed = ec2.createKeyPair(b -> b.keyName("k1").keyType(KeyType.ED25519));
    var rsa = ec2.createKeyPair(b -> b.keyName("k2"));
    assertThat(ed.keyMaterial()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    assertThat(rsa.keyMaterial()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(authorized).hasSize(2);
    assertThat(authorized.get(0)).startsWith("ssh-ed25519 ");
    // The private key really matches the authorized public key.
    Path key = dir.resolve("k");
    Files.writeString(key, ed.keyMaterial());
    Files.setPosixFilePermissions(
        key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Process p = new ProcessBuilder("ssh-keygen", "-y", "-f", key.toString()).start();
    assertThat(new String(p.getInputStream().readAllBytes()).trim())
        .isEqualTo(authorized.get(0).trim());
    assertThatThrownBy(() -> ec2.createKeyPair(b -> b.keyName("k1")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidKeyPair.Duplicate"));
  }

  @Test
  void throttlingIsRetriedBySdk() {
    fake.faults().throttle("DescribeRegions", 2).dropNext("DescribeRegions", 1);
    var regions = client("us-east-1").describeRegions().regions();
    assertThat(regions).isNotEmpty();
    assertThat(fake.actions())
        .containsExactly(
            "DescribeRegions", "DescribeRegions", "DescribeRegions", "DescribeRegions");
    assertThat(fake.calls().get(3).attempt()).startsWith("attempt=4");
  }

  @Test
  void permanentFaultFailsEveryCall() {
    fake.faults()
        .failAlways(
            "DescribeVpcs",
            403,
            "UnauthorizedOperation",
            "You are not authorized to perform this operation.");
    assertThatThrownBy(() -> client("us-east-1").describeVpcs())
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation"));
    assertThat(fake.calls("DescribeVpcs")).hasSize(1);
  }

  @Test
  void copyImageGoesToTheSigningRegion() {
    Ec2Client west = client("eu-west-1");
    String copy =
        west.copyImage(
                b -> b.sourceRegion("us-east-1").sourceImageId(Ec2World.SEED_AMI).name("copy-1"))
            .imageId();
    waiter(west).waitUntilImageAvailable(b -> b.imageIds(copy));
    assertThat(fake.world().images())
        .anySatisfy(
            i -> {
              assertThat(i.id).isEqualTo(copy);
              assertThat(i.region).isEqualTo("eu-west-1");
            });
  }

  @Test
  void securityGroupInUseCannotBeDeleted() {
    Ec2Client ec2 = client("us-east-1");
    String sg = ec2.createSecurityGroup(b -> b.groupName("g").description("d")).groupId();
    ec2.runInstances(
        b ->
            b.imageId(Ec2World.SEED_AMI)
                .instanceType("t1.micro")
                .minCount(1)
                .maxCount(1)
                .securityGroupIds(sg));
    assertThatThrownBy(() -> ec2.deleteSecurityGroup(b -> b.groupId(sg)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DependencyViolation"));
  }

  @Test
  void heldTransitionsDoNotMove() {
    Ec2Client ec2 = client("us-east-1");
    fake.world().hold("instance:pending");
    String id =
        ec2.runInstances(
                b -> b.imageId(Ec2World.SEED_AMI).instanceType("t1.micro").minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    for (int i = 0; i < 3; i++) {
      ec2.describeInstances(b -> b.instanceIds(id));
    }
    assertThat(fake.world().instances().get(0).state).isEqualTo("pending");
    fake.world().release();
    var running = waiter(ec2).waitUntilInstanceRunning(b -> b.instanceIds(id));
    assertThat(running.matched().response()).isPresent();
  }
}
