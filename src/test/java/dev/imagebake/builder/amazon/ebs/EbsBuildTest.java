package dev.imagebake.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.ec2.Ec2World;
import dev.imagebake.testing.ec2.Leaks;
import dev.imagebake.testing.ec2.Resources;
import dev.imagebake.ui.BuildReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** amazon-ebs builds end to end: real engine, real SDK, fake EC2, real sshd. */
class EbsBuildTest {
  private final Ec2Harness h = new Ec2Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void seedTemplateBuilds() {
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    var out = h.build(h.block("{}"), List.of("echo 'I can chain Provisioners'"));

    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(out.console()).contains("I can chain Provisioners");
    List<Resources.Image> made =
        h.ec2.world().images().stream().filter(i -> !baseline.contains(i.id)).toList();
    assertThat(made)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.name).isEqualTo("packer-example 1700000000");
              assertThat(i.state).isEqualTo("available");
              assertThat(i.region).isEqualTo("us-east-1");
            });
    String ami = made.get(0).id;
    assertThat(out.report().artifacts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("us-east-1:" + ami);
              assertThat(a.description()).isEqualTo("AMIs were created:\nus-east-1: " + ami + "\n");
            });
    assertThat(Leaks.find(h.ec2.world(), baseline, Set.of(ami))).isEmpty();
    assertThat(out.console())
        .containsSubsequence(
            "Prevalidating any provided VPC information",
            "Prevalidating AMI Name: packer-example 1700000000",
            "Found Image ID: ami-e50e888c",
            "Creating temporary keypair: packer_",
            "Creating temporary security group for this instance: packer_",
            "Authorizing access to port "
                + h.sshd.port()
                + " from [0.0.0.0/0] in the temporary security groups...",
            "Launching a source AWS instance...",
            "Adding tag: \"Name\": \"Packer Builder\"",
            "Instance ID: i-",
            "Waiting for instance (i-",
            "Connected to SSH!",
            "I can chain Provisioners",
            "Stopping the source instance...",
            "Waiting for the instance to stop...",
            "Creating AMI packer-example 1700000000 from instance i-",
            "AMI: ami-",
            "Waiting for AMI to become ready...",
            "Terminating the source AWS instance...",
            "Cleaning up any extra volumes...",
            "Destroying volume (vol-",
            "Deleting temporary security group...",
            "Deleting temporary keypair...");
    // Packer's call order (reference ec2-query-protocol §1).
    assertThat(h.ec2.actions().stream().distinct().toList())
        .containsSubsequence(
            "DescribeRegions",
            "DescribeImages",
            "CreateKeyPair",
            "CreateSecurityGroup",
            "DescribeSecurityGroups",
            "AuthorizeSecurityGroupIngress",
            "RunInstances",
            "DescribeInstances",
            "StopInstances",
            "CreateImage",
            "TerminateInstances",
            "DescribeVolumes",
            "DeleteVolume",
            "DeleteSecurityGroup",
            "DeleteKeyPair");
  }

  @Test
  void privateKeyNeverReachesTheConsoleOrEvents() {
    var out = h.build(h.block("{\"temporary_key_pair_type\":\"ed25519\"}"), List.of("true"));
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    String material = h.ec2.calls("CreateKeyPair").isEmpty() ? "" : "BEGIN OPENSSH PRIVATE KEY";
    assertThat(material).isNotEmpty();
    assertThat(out.console()).doesNotContain("PRIVATE KEY");
    assertThat(out.events()).doesNotContain("PRIVATE KEY");
    assertThat(h.ec2.calls("CreateKeyPair").get(0).get("KeyType")).isEqualTo("ed25519");
  }

  @Test
  void throttlingAndServerErrorsAreRetried() {
    h.ec2
        .faults()
        .throttle("RunInstances", 2)
        .serverError("CreateImage", 2)
        .throttle("DescribeInstances", 3)
        .dropNext("CreateKeyPair", 1);
    var out = h.build(h.block("{}"), List.of("true"));
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(h.ec2.faults().injected()).isEqualTo(8);
    // The same client token on every RunInstances retry: one instance only.
    assertThat(h.ec2.calls("RunInstances").stream().map(c -> c.get("ClientToken")).distinct())
        .hasSize(1);
    assertThat(h.ec2.world().instances()).hasSize(1);
  }

  @Test
  void permanentErrorFailsFastWithAwsCodeAndMessage() {
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    var out = h.build(h.block("{\"source_ami\":\"ami-0000missing\"}"), List.of("true"));
    assertThat(out.report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(out.report().error())
        .contains("InvalidAMIID.NotFound")
        .contains("The image id '[ami-0000missing]' does not exist");
    assertThat(h.ec2.calls("DescribeImages").stream().filter(c -> c.get("ImageId.1") != null))
        .hasSize(1);
    assertThat(Leaks.find(h.ec2.world(), baseline, Set.of())).isEmpty();
  }

  @Test
  void unauthorizedRunInstancesCleansUpAndReportsCode() {
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    h.ec2
        .faults()
        .failAlways(
            "RunInstances",
            403,
            "UnauthorizedOperation",
            "You are not authorized to perform this operation.");
    var out = h.build(h.block("{}"), List.of("true"));
    assertThat(out.report().error())
        .contains("UnauthorizedOperation: You are not authorized to perform this operation.");
    assertThat(h.ec2.calls("RunInstances")).hasSize(1);
    assertThat(Leaks.find(h.ec2.world(), baseline, Set.of())).isEmpty();
    assertThat(out.console())
        .contains("Deleting temporary security group...", "Deleting temporary keypair...");
  }

  @Test
  void existingAmiNameFailsPrevalidation() {
    h.build(h.block("{}"), List.of());
    var again = h.build(h.block("{}"), List.of());
    assertThat(again.report().error())
        .contains("Error: AMI Name: 'packer-example 1700000000' is used by an existing AMI: ami-");
  }

  @Test
  void forceDeregisterReplacesTheAmi() {
    h.build(h.block("{}"), List.of());
    String first =
        h.ec2.world().images().stream()
            .filter(i -> i.ownerId.equals(Ec2World.ACCOUNT))
            .findFirst()
            .orElseThrow()
            .id;
    var again =
        h.build(h.block("{\"force_deregister\":true,\"force_delete_snapshot\":true}"), List.of());
    assertThat(again.report().outcome())
        .as(again.console())
        .isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(again.console())
        .contains("Deregistered AMI packer-example 1700000000, id: " + first);
    assertThat(h.ec2.world().images().stream().map(i -> i.id).collect(Collectors.toSet()))
        .doesNotContain(first);
  }

  @Test
  void communicatorNoneBuildsWithoutKeyOrSsh() {
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    var out = h.build(h.block("{\"communicator\":\"none\"}"), List.of());
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(h.ec2.actions()).doesNotContain("CreateKeyPair", "AuthorizeSecurityGroupIngress");
    assertThat(out.console()).doesNotContain("Waiting for SSH");
    Set<String> made =
        h.ec2.world().images().stream()
            .map(i -> i.id)
            .filter(id -> !baseline.contains(id))
            .collect(Collectors.toSet());
    assertThat(made).hasSize(1);
    assertThat(Leaks.find(h.ec2.world(), baseline, made)).isEmpty();
  }

  @Test
  void provisionersSeeTheBuildData() {
    List<Map<String, String>> seen = new ArrayList<>();
    var out = h.build(h.block("{}"), (ctx, comm, data) -> seen.add(data));
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(seen)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d)
                    .containsEntry("SourceAMI", "ami-e50e888c")
                    .containsEntry("BuildRegion", "us-east-1")
                    .containsEntry("Host", "127.0.0.1")
                    .containsEntry("Port", Integer.toString(h.sshd.port()))
                    .containsEntry("ConnType", "ssh")
                    .containsKey("SourceAMIName")
                    .hasEntrySatisfying("ID", id -> assertThat(id).startsWith("i-")));
  }

  @Test
  void runInstancesWaitsForANewInstanceProfile() {
    h.ec2
        .faults()
        .failNext(
            "RunInstances",
            2,
            400,
            "InvalidParameterValue",
            "Value (builder) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name");
    var out = h.build(h.block("{\"iam_instance_profile\":\"builder\"}"), List.of());
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(h.ec2.calls("RunInstances")).hasSize(3);
    assertThat(h.ec2.world().instances())
        .singleElement()
        .satisfies(i -> assertThat(i.iamInstanceProfile).isEqualTo("builder"));
  }

  @Test
  void existingKeyPairAndSecurityGroupAreUsedAndKept(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("user-key.pem");
    String groupId;
    try (var ec2 =
        Ec2Client.builder()
            .endpointOverride(h.ec2.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      Files.writeString(
          key, ec2.createKeyPair(b -> b.keyName("user-key").keyType("ed25519")).keyMaterial());
      groupId = ec2.createSecurityGroup(b -> b.groupName("build-sg").description("mine")).groupId();
    }
    int callsBefore = h.ec2.calls().size();
    var out =
        h.build(
            h.block(
                "{\"ssh_keypair_name\":\"user-key\",\"ssh_private_key_file\":\""
                    + key
                    + "\",\"security_group_filter\":{\"filters\":{\"group-name\":\"build-sg\"}}}"),
            List.of("true"));
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    List<String> actions = h.ec2.actions().subList(callsBefore, h.ec2.actions().size());
    assertThat(actions)
        .doesNotContain(
            "CreateKeyPair", "DeleteKeyPair", "CreateSecurityGroup", "DeleteSecurityGroup");
    assertThat(out.console())
        .contains("Using existing SSH private key", "Found Security Group(s): " + groupId);
    assertThat(h.ec2.world().keyPairs()).extracting(k -> k.name).containsExactly("user-key");
    assertThat(h.ec2.world().securityGroups()).extracting(g -> g.id).containsExactly(groupId);
    assertThat(h.ec2.world().instances().get(0).groupIds).containsExactly(groupId);
    assertThat(h.ec2.world().instances().get(0).keyName).isEqualTo("user-key");
  }
}
