package dev.imagebake.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.ec2.Ec2Request;
import dev.imagebake.testing.ec2.Ec2World;
import dev.imagebake.testing.ec2.Leaks;
import dev.imagebake.testing.ec2.Resources;
import dev.imagebake.ui.BuildReport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A build using (nearly) every key of issue 4 at once; afterwards the endpoint holds the encrypted
 * AMIs in three regions with their tags, snapshots, launch permissions and snapshot permissions,
 * and nothing temporary.
 */
class EbsEveryKeyBuildTest {
  private static final String EVERY_KEY =
      """
      {"source_ami":"",
       "source_ami_filter":{"filters":{"name":"ubuntu/images/ebs/ubuntu-precise-*","root-device-type":"ebs"},
                            "owners":["099720109477"],"most_recent":true},
       "instance_type":"t2.micro","ami_description":"built from {{ .SourceAMI }}",
       "vpc_filter":{"filters":{"is-default":"true"}},
       "subnet_filter":{"filters":{"availability-zone":"us-east-1b"},"most_free":true},
       "temporary_security_group_source_cidrs":["127.0.0.1/32","::1/128"],
       "associate_public_ip_address":true,"ssh_interface":"private_ip",
       "temporary_key_pair_type":"ed25519",
       "launch_block_device_mappings":[{"device_name":"/dev/sdc","volume_size":10,"volume_type":"gp3",
         "throughput":250,"iops":3000,"delete_on_termination":true}],
       "ami_block_device_mappings":[{"device_name":"/dev/sdd","volume_size":5,"volume_type":"gp2",
         "delete_on_termination":true}],
       "tags":{"Name":"{{ .SourceAMIName }}","BuiltIn":"{{ .BuildRegion }}"},
       "run_tags":{"Purpose":"bake"},"run_volume_tags":{"Volume":"bake"},
       "snapshot_tags":{"Snap":"yes"},"ami_regions":["eu-west-1","us-west-2"],
       "ami_users":["111122223333"],"ami_groups":["all"],"snapshot_users":["444455556666"],
       "snapshot_groups":["all"],"ami_product_codes":["code1"],
       "encrypt_boot":true,"kms_key_id":"alias/build",
       "region_kms_key_ids":{"eu-west-1":"alias/eu","us-west-2":"alias/usw2"},
       "force_deregister":true,"force_delete_snapshot":true,"user_data":"#!/bin/sh\\necho hi",
       "iam_instance_profile":"builder-profile","shutdown_behavior":"terminate",
       "ena_support":true,"sriov_support":true,"ebs_optimized":true,
       "metadata_options":{"http_endpoint":"enabled","http_tokens":"required",
                           "http_put_response_hop_limit":2,"instance_metadata_tags":"enabled"},
       "availability_zone":"us-east-1b","no_ephemeral":true,"tenancy":"default",
       "max_retries":5,"skip_region_validation":false}
      """;

  private final Ec2Harness h = new Ec2Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void everyKeyBuildsAndLeavesTheAmisAsAsked() {
    Set<String> baseline = Leaks.baseline(h.ec2.world());
    var out = h.build(h.block(EVERY_KEY), List.of("echo provisioned on $(hostname)"));
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);

    Map<String, Resources.Image> byRegion =
        h.ec2.world().images().stream()
            .filter(i -> !baseline.contains(i.id))
            .collect(Collectors.toMap(i -> i.region, i -> i));
    // The unencrypted intermediary is gone; one encrypted AMI per region remains.
    assertThat(byRegion).containsOnlyKeys("us-east-1", "eu-west-1", "us-west-2");
    assertThat(byRegion.values())
        .allSatisfy(
            i -> {
              assertThat(i.name).isEqualTo("packer-example 1700000000");
              assertThat(i.encrypted).isTrue();
              assertThat(i.description).isEqualTo("built from ami-0newer00000000001");
              assertThat(i.tags)
                  .containsEntry("Name", Ec2World.SEED_AMI_NAME + "-20240101")
                  .containsEntry("BuiltIn", "us-east-1");
              assertThat(i.launchUserIds).containsExactly("111122223333");
              assertThat(i.launchGroups).containsExactly("all");
              assertThat(i.productCodes).containsExactly("code1");
            });
    assertThat(byRegion.get("eu-west-1").kmsKeyId).isEqualTo("alias/eu");
    assertThat(byRegion.get("us-west-2").kmsKeyId).isEqualTo("alias/usw2");
    assertThat(byRegion.get("us-east-1").kmsKeyId).isEqualTo("alias/build");
    Set<String> snapshotIds =
        byRegion.values().stream()
            .flatMap(i -> i.mappings.stream())
            .map(m -> m.snapshotId)
            .filter(id -> id != null)
            .collect(Collectors.toSet());
    assertThat(h.ec2.world().snapshots().stream().filter(s -> snapshotIds.contains(s.id)))
        .hasSize(snapshotIds.size())
        .allSatisfy(
            s -> {
              assertThat(s.tags).containsEntry("Snap", "yes").containsEntry("BuiltIn", "us-east-1");
              assertThat(s.createVolumeUserIds).containsExactly("444455556666");
              assertThat(s.createVolumeGroups).containsExactly("all");
            });
    assertThat(out.report().artifacts())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.id())
                    .isEqualTo(
                        "eu-west-1:"
                            + byRegion.get("eu-west-1").id
                            + ",us-east-1:"
                            + byRegion.get("us-east-1").id
                            + ",us-west-2:"
                            + byRegion.get("us-west-2").id));
    assertThat(
            Leaks.find(
                h.ec2.world(),
                baseline,
                byRegion.values().stream().map(i -> i.id).collect(Collectors.toSet())))
        .isEmpty();

    Resources.Instance instance = h.ec2.world().instances().get(0);
    assertThat(instance.imageId).isEqualTo("ami-0newer00000000001");
    assertThat(instance.tags)
        .containsEntry("Purpose", "bake")
        .containsEntry("Name", "Packer Builder");
    assertThat(instance.subnetId).isEqualTo("subnet-useast1b");
    assertThat(instance.associatePublicIp).isTrue();
    assertThat(instance.iamInstanceProfile).isEqualTo("builder-profile");
    assertThat(instance.ebsOptimized).isTrue();
    assertThat(instance.shutdownBehavior).isEqualTo("terminate");
    assertThat(instance.metadataOptions)
        .containsEntry("HttpTokens", "required")
        .containsEntry("HttpPutResponseHopLimit", "2");
    assertThat(instance.attributes)
        .containsEntry("EnaSupport", "true")
        .containsEntry("SriovNetSupport", "simple");
    assertThat(new String(Base64.getDecoder().decode(instance.userData), StandardCharsets.UTF_8))
        .isEqualTo("#!/bin/sh\necho hi");
    Ec2Request keyPair = h.ec2.calls("CreateKeyPair").get(0);
    assertThat(keyPair.get("KeyType")).isEqualTo("ed25519");
    Ec2Request ingress = h.ec2.calls("AuthorizeSecurityGroupIngress").get(0);
    assertThat(ingress.get("IpPermissions.1.IpRanges.1.CidrIp")).isEqualTo("127.0.0.1/32");
    assertThat(ingress.get("IpPermissions.1.Ipv6Ranges.1.CidrIpv6")).isEqualTo("::1/128");
    assertThat(ingress.get("IpPermissions.1.FromPort")).isEqualTo(Integer.toString(h.sshd.port()));
    Ec2Request run = h.ec2.calls("RunInstances").get(0);
    assertThat(run.get("BlockDeviceMapping.1.Ebs.Throughput")).isEqualTo("250");
    assertThat(run.get("TagSpecification.2.Tag.1.Value")).isEqualTo("bake");
    assertThat(out.console())
        .contains(
            "provisioned on",
            "Copying/Encrypting AMI (",
            "Copying to: eu-west-1",
            "Waiting for all copies to complete...",
            "Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots",
            "Modifying: users",
            "Enabling Enhanced Networking (SR-IOV)...",
            "Found Subnet ID: subnet-useast1b");
  }
}
