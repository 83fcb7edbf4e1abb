package dev.imagebake.builder.amazon.ebs;

import static dev.imagebake.builder.amazon.ebs.EbsTemplates.SEED;
import static dev.imagebake.builder.amazon.ebs.EbsTemplates.bind;
import static dev.imagebake.builder.amazon.ebs.EbsTemplates.messages;
import static dev.imagebake.builder.amazon.ebs.EbsTemplates.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.builder.amazon.common.ResourceNames;
import dev.imagebake.config.BindResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The amazon-ebs keys and Packer's Prepare rules, offline. */
class EbsConfigTest {
  /** Every key issue 4 lists, plus the access and communicator keys, in one block. */
  static final String EVERY_KEY =
      """
      {"type":"amazon-ebs","access_key":"AKIDEXAMPLE","secret_key":"s3cr3t","token":"tok",
       "profile":"default","region":"us-east-1","custom_endpoint_ec2":"http://127.0.0.1:1",
       "skip_region_validation":false,"max_retries":3,
       "aws_polling":{"delay_seconds":0,"max_attempts":50},
       "source_ami":"ami-e50e888c",
       "source_ami_filter":{"filters":{"name":"ubuntu/images/*","root-device-type":"ebs"},
                            "owners":["099720109477"],"most_recent":true},
       "instance_type":"t2.micro","ami_name":"every-key {{timestamp}}","ami_description":"from {{ .SourceAMI }}",
       "subnet_id":"subnet-useast1a","subnet_filter":{"filters":{"tag:Env":"ci"},"most_free":true},
       "vpc_id":"vpc-useast1default","security_group_ids":["sg-1"],
       "security_group_filter":{"filters":{"group-name":"build"}},
       "temporary_security_group_source_cidrs":["10.0.0.0/8","2001:db8::/32"],
       "associate_public_ip_address":true,"ssh_interface":"public_ip","ssh_username":"ubuntu",
       "ssh_port":2222,"ssh_keypair_name":"kp","ssh_private_key_file":"/dev/null",
       "temporary_key_pair_type":"ed25519",
       "launch_block_device_mappings":[{"device_name":"/dev/sdc","volume_size":10,"volume_type":"gp3",
         "throughput":200,"iops":3000,"delete_on_termination":true,"encrypted":true,"kms_key_id":"alias/k"}],
       "ami_block_device_mappings":[{"device_name":"/dev/sdd","volume_size":5,"volume_type":"gp2"},
         {"device_name":"/dev/sde","no_device":true},{"device_name":"/dev/sdf","virtual_name":"ephemeral0"}],
       "tags":{"Name":"img {{ .SourceAMIName }}"},"run_tags":{"Build":"x"},"run_volume_tags":{"V":"1"},
       "snapshot_tags":{"S":"1"},"ami_regions":["eu-west-1"],"ami_users":["111122223333"],
       "ami_groups":["all"],"snapshot_users":["111122223333"],"snapshot_groups":["all"],
       "encrypt_boot":true,"kms_key_id":"alias/aws/ebs","region_kms_key_ids":{"eu-west-1":"alias/eu"},
       "force_deregister":true,"force_delete_snapshot":true,"user_data":"#!/bin/sh\\necho hi",
       "iam_instance_profile":"builder","shutdown_behavior":"terminate","ena_support":true,
       "sriov_support":true,"ebs_optimized":true,
       "metadata_options":{"http_endpoint":"enabled","http_tokens":"required",
                           "http_put_response_hop_limit":2,"instance_metadata_tags":"enabled"},
       "availability_zone":"us-east-1a","disable_stop_instance":false,"skip_create_ami":false,
       "ami_virtualization_type":"hvm","ami_product_codes":["abc"],"skip_save_build_region":false,
       "no_ephemeral":true,"tenancy":"default","enable_t2_unlimited":false,
       "spot_tags":{"a":"b"},"communicator":"ssh","ssh_timeout":"5m"}
      """;

  @Test
  void seedTemplateIsValid() {
    BindResult<EbsConfig> result = bind(SEED);
    assertThat(messages(result)).isEmpty();
    assertThat(result.config().ami().amiName()).isEqualTo("packer-example 1700000000");
    assertThat(result.config().run().sourceAmi()).isEqualTo("ami-e50e888c");
    assertThat(result.config().comm().ssh().sshUsername()).isEqualTo("ubuntu");
  }

  @Test
  void everyKeyIsKnownAndConsistent(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("id");
    new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
        .start()
        .waitFor();
    BindResult<EbsConfig> result = bind(EVERY_KEY.replace("/dev/null", key.toString()));
    assertThat(messages(result)).isEmpty();
    EbsConfig c = result.config();
    assertThat(c.access().awsPolling().maxAttempts()).isEqualTo(50);
    assertThat(c.run().metadataOptions().httpTokens()).isEqualTo("required");
    assertThat(c.ami().amiBlockDeviceMappings()).hasSize(3);
    // Render-later keys keep their template text for the build.
    assertThat(c.ami().tags()).containsEntry("Name", "img {{ .SourceAMIName }}");
    assertThat(c.ami().amiDescription()).isEqualTo("from {{ .SourceAMI }}");
  }

  @Test
  void unknownKeyIsRejected() {
    assertThat(messages(bind(with(SEED, "{\"ami_nmae\":\"x\"}"))))
        .anySatisfy(m -> assertThat(m).contains("ami_nmae"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"access_key\":\"x\"}|`access_key` and `secret_key` must both be either set or not set.",
        "{\"ami_name\":\"ab\"}|ami_name must be between 3 and 128 characters long",
        "{\"ami_name\":\"My AMI: bad*\"}|AMIName should only contain alphanumeric characters, parentheses (()), square brackets ([]), spaces ( ), periods (.), slashes (/), dashes (-), single quotes ('), at-signs (@), or underscores(_). You can use the `clean_resource_name` template filter to automatically clean your ami name.",
        "{\"ami_name\":\"\"}|ami_name must be specified",
        "{\"source_ami\":\"\"}|A source_ami or source_ami_filter must be specified",
        "{\"source_ami_filter\":{\"filters\":{\"name\":\"x\"}}}|For security reasons, your source AMI filter must declare an owner.",
        "{\"instance_type\":\"\"}|either instance_type or spot_instance_types must be specified",
        "{\"spot_instance_types\":[\"t2.micro\"],\"spot_price\":\"auto\"}|either instance_type or spot_instance_types must be specified, not both",
        "{\"ssh_interface\":\"bogus\"}|Unknown interface type: bogus",
        "{\"temporary_security_group_source_cidrs\":[\"1.2.3.4\"]}|Error parsing CIDR in temporary_security_group_source_cidrs: invalid CIDR address: 1.2.3.4",
        "{\"shutdown_behavior\":\"halt\"}|shutdown_behavior only accepts 'stop' or 'terminate' values.",
        "{\"region\":\"us-bogus-1\"}|Invalid region: us-bogus-1 (set skip_region_validation to true to use a region not known to imagebake)",
        "{\"ami_regions\":[\"eu-bogus-2\"]}|Invalid region: eu-bogus-2 (set skip_region_validation to true to use a region not known to imagebake)",
        "{\"user_data\":\"x\",\"user_data_file\":\"/etc/hostname\"}|Only one of user_data or user_data_file can be specified.",
        "{\"security_group_id\":\"sg-1\",\"security_group_ids\":[\"sg-2\"]}|Only one of security_group_id or security_group_ids can be specified.",
        "{\"kms_key_id\":\"alias/x\"}|If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true.",
        "{\"encrypt_boot\":true,\"kms_key_id\":\"k\"}|\"k\" is not a valid KMS Key Id.",
        "{\"encrypt_boot\":true,\"region_kms_key_ids\":{\"us-west-2\":\"alias/x\"}}|Region us-west-2 is in region_kms_key_ids but not in ami_regions",
        "{\"launch_block_device_mappings\":[{\"volume_size\":3}]}|The `device_name` must be specified for every device in the block device mapping.",
        "{\"launch_block_device_mappings\":[{\"device_name\":\"/dev/sda1\",\"volume_type\":\"gp2\",\"throughput\":200}]}|Throughput is not available for device /dev/sda1",
        "{\"ami_block_device_mappings\":[{\"device_name\":\"/dev/sdb\",\"encrypted\":false,\"kms_key_id\":\"k\"}]}|The device /dev/sdb, must also have `encrypted: true` when setting a kms_key_id.",
        "{\"ssh_keypair_name\":\"kp\"}|ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified.",
        "{\"temporary_key_pair_type\":\"dsa\"}|temporary_key_pair_type must be rsa or ed25519 for amazon builders, not dsa",
        "{\"block_duration_minutes\":7}|block_duration_minutes must be multiple of 60",
        "{\"tenancy\":\"bad\"}|Error: Unknown tenancy type bad",
        "{\"enable_t2_unlimited\":true}|Error: T2 Unlimited enabled with a non-T2 Instance Type: t1.micro",
        "{\"spot_price\":\"0.1\",\"ena_support\":true}|Spot instances do not support modification, which is required when either `ena_support` or `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.",
        "{\"metadata_options\":{\"http_put_response_hop_limit\":100}}|http_put_response_hop_limit must be between 1 and 64",
        "{\"ssh_username\":\"\"}|An ssh_username must be specified",
      })
  void packerRules(String extra, String message) {
    assertThat(messages(bind(with(SEED, extra))))
        .anySatisfy(m -> assertThat(m).startsWith(message));
  }

  @Test
  void skipRegionValidationAcceptsUnknownRegions() {
    assertThat(
            messages(
                bind(with(SEED, "{\"region\":\"xx-custom-1\",\"skip_region_validation\":true}"))))
        .isEmpty();
  }

  @Test
  void allRulesAreReportedTogether() {
    assertThat(
            messages(
                bind(
                    with(
                        SEED,
                        "{\"ami_name\":\"ab\",\"shutdown_behavior\":\"x\",\"ssh_interface\":\"y\"}"))))
        .hasSize(3);
  }

  @Test
  void cleanResourceNameMatchesPacker() {
    assertThat(ResourceNames.clean("My AMI: 2020/01/01 (test)*?#~{}"))
        .isEqualTo("My AMI- 2020/01/01 (test)------");
    assertThat(ResourceNames.clean("é")).isEqualTo("--");
  }
}
