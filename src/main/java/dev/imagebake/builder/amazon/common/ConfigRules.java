package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.config.ConfigCheck;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Packer's {@code Prepare} checks of the Amazon configuration, offline, with Packer's messages
 * (joined onto one line where Packer wraps them).
 */
public final class ConfigRules {
  private static final String AMI_NAME_CHARACTERS =
      "AMIName should only contain alphanumeric characters, parentheses (()), square brackets"
          + " ([]), spaces ( ), periods (.), slashes (/), dashes (-), single quotes ('), at-signs"
          + " (@), or underscores(_). You can use the `clean_resource_name` template filter to"
          + " automatically clean your ami name.";
  private static final Set<String> SSH_INTERFACES =
      Set.of("public_ip", "private_ip", "public_dns", "private_dns");
  private static final String KMS_ID = "[a-f0-9-]+$";
  private static final String KMS_ALIAS = "alias/[a-zA-Z0-9:/_-]+$";
  private static final String KMS_ARN =
      "^arn:aws(-us-gov)?:kms:([a-z]{2}-(gov-)?[a-z]+-\\d{1}):(\\d{12}):";
  private static final List<Pattern> KMS_PATTERNS =
      List.of(
          Pattern.compile("^" + KMS_ID),
          Pattern.compile("^" + KMS_ALIAS),
          Pattern.compile(KMS_ARN + "key/" + KMS_ID),
          Pattern.compile(KMS_ARN + KMS_ALIAS));

  private ConfigRules() {}

  public static void checkAccess(AccessConfig c, List<String> amiRegions, ConfigCheck check) {
    if (blank(c.accessKey()) != blank(c.secretKey())) {
      check.error(
          "access_key", "`access_key` and `secret_key` must both be either set or not set.");
    }
    if (!c.skipRegionValidationOrFalse()) {
      if (!blank(c.region()) && !templated(c.region()) && !Regions.isKnown(c.region())) {
        check.error("region", invalidRegion(c.region()));
      }
      for (String r : nonNull(amiRegions)) {
        if (!templated(r) && !Regions.isKnown(r)) {
          check.error("ami_regions", invalidRegion(r));
        }
      }
    }
    if (!blank(c.customEndpointEc2())) {
      try {
        URI uri = URI.create(c.customEndpointEc2());
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException("no scheme or host");
        }
      } catch (IllegalArgumentException e) {
        check.error(
            "custom_endpoint_ec2",
            "custom_endpoint_ec2 must be a URL such as https://ec2.example.com: "
                + c.customEndpointEc2());
      }
    }
    if (c.maxRetries() != null && c.maxRetries() < 0) {
      check.error("max_retries", "max_retries must not be negative");
    }
    AwsPolling p = c.awsPolling();
    if (p != null) {
      if (p.delaySeconds() != null && p.delaySeconds() < 0) {
        check.error("aws_polling", "aws_polling.delay_seconds must not be negative");
      }
      if (p.maxAttempts() != null && p.maxAttempts() < 1) {
        check.error("aws_polling", "aws_polling.max_attempts must be at least 1");
      }
    }
  }

  private static String invalidRegion(String region) {
    return "Invalid region: "
        + region
        + " (set skip_region_validation to true to use a region not known to imagebake)";
  }

  public static void checkAmi(AmiConfig c, RunConfig run, ConfigCheck check) {
    String name = c.amiName();
    if (blank(name)) {
      check.error("ami_name", "ami_name must be specified");
    } else if (!name.contains("{{")) {
      if (name.length() < 3 || name.length() > 128) {
        check.error("ami_name", "ami_name must be between 3 and 128 characters long");
      }
      if (!ResourceNames.clean(name).equals(name)) {
        check.error("ami_name", AMI_NAME_CHARACTERS);
      }
    }
    List<String> regions = nonNull(c.amiRegions());
    Map<String, String> kmsKeys = c.regionKmsKeyIds() == null ? Map.of() : c.regionKmsKeyIds();
    for (String r : kmsKeys.keySet()) {
      if (!regions.contains(r)) {
        check.error(
            "region_kms_key_ids",
            "Region " + r + " is in region_kms_key_ids but not in ami_regions");
      }
    }
    if (!kmsKeys.isEmpty()) {
      for (String r : regions) {
        if (!kmsKeys.containsKey(r)) {
          check.error(
              "ami_regions", "Region " + r + " is in ami_regions but not in region_kms_key_ids");
        }
      }
    }
    if (!Boolean.TRUE.equals(c.encryptBoot()) && (!blank(c.kmsKeyId()) || !kmsKeys.isEmpty())) {
      check.error(
          "encrypt_boot",
          "If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be"
              + " true.");
    }
    if (!blank(c.kmsKeyId()) && !templated(c.kmsKeyId()) && !validKmsKey(c.kmsKeyId())) {
      check.error("kms_key_id", "\"" + c.kmsKeyId() + "\" is not a valid KMS Key Id.");
    }
    kmsKeys.forEach(
        (r, key) -> {
          if (!templated(key) && !validKmsKey(key)) {
            check.error("region_kms_key_ids", "\"" + key + "\" is not a valid KMS Key Id.");
          }
        });
    String virt = c.amiVirtualizationType();
    if (!blank(virt) && !virt.equals("hvm") && !virt.equals("paravirtual")) {
      check.error("ami_virtualization_type", "ami_virtualization_type must be hvm or paravirtual");
    }
    checkDevices("ami_block_device_mappings", c.amiBlockDeviceMappings(), check);
    if (isSpot(run)
        && (Boolean.TRUE.equals(c.enaSupport()) || Boolean.TRUE.equals(c.sriovSupport()))) {
      check.error(
          "Spot instances do not support modification, which is required when either"
              + " `ena_support` or `sriov_support` are set. Please ensure you use an AMI that"
              + " already has either SR-IOV or ENA enabled.");
    }
  }

  static boolean validKmsKey(String key) {
    return KMS_PATTERNS.stream().anyMatch(p -> p.matcher(key).find());
  }

  /** Spot when a price or spot instance types are given (the CreateFleet flow). */
  public static boolean isSpot(RunConfig run) {
    return !blank(run.spotPrice()) || !nonNull(run.spotInstanceTypes()).isEmpty();
  }

  private static void checkDevices(String key, List<BlockDevice> devices, ConfigCheck check) {
    boolean missingName = false;
    for (BlockDevice d : nonNull(devices)) {
      if (blank(d.deviceName())) {
        missingName = true;
        continue;
      }
      if (d.throughput() != null && !"gp3".equals(d.volumeType())) {
        check.error(key, "Throughput is not available for device " + d.deviceName());
      }
      if (!blank(d.kmsKeyId()) && !Boolean.TRUE.equals(d.encrypted())) {
        check.error(
            key,
            "The device "
                + d.deviceName()
                + ", must also have `encrypted: true` when setting a kms_key_id.");
      }
      if (d.iops() != null
          && !List.of("io1", "io2", "gp3").contains(String.valueOf(d.volumeType()))) {
        check.error(
            key,
            "IOPS is not available for device " + d.deviceName() + " of type " + d.volumeType());
      }
    }
    if (missingName) {
      check.error(
          key, "The `device_name` must be specified for every device in the block device mapping.");
    }
  }

  public static void checkRun(RunConfig c, CommunicatorConfig comm, ConfigCheck check) {
    if (blank(c.sourceAmi()) && c.sourceAmiFilter() == null) {
      check.error("source_ami", "A source_ami or source_ami_filter must be specified");
    }
    if (c.sourceAmiFilter() != null && nonNull(c.sourceAmiFilter().owners()).isEmpty()) {
      check.error(
          "source_ami_filter",
          "For security reasons, your source AMI filter must declare an owner.");
    }
    boolean spotTypes = !nonNull(c.spotInstanceTypes()).isEmpty();
    if (blank(c.instanceType()) && !spotTypes) {
      check.error("instance_type", "either instance_type or spot_instance_types must be specified");
    } else if (!blank(c.instanceType()) && spotTypes) {
      check.error(
          "instance_type",
          "either instance_type or spot_instance_types must be specified, not both");
    }
    if (!blank(c.spotPrice()) && !c.spotPrice().equals("auto")) {
      try {
        if (Double.parseDouble(c.spotPrice()) <= 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        check.error(
            "spot_price", "spot_price must be a positive number or \"auto\": " + c.spotPrice());
      }
    }
    if (c.blockDurationMinutes() != null && c.blockDurationMinutes() % 60 != 0) {
      check.error("block_duration_minutes", "block_duration_minutes must be multiple of 60");
    }
    if (!blank(c.userData()) && !blank(c.userDataFile())) {
      check.error("user_data", "Only one of user_data or user_data_file can be specified.");
    } else if (!blank(c.userDataFile()) && !Files.isRegularFile(check.resolve(c.userDataFile()))) {
      check.error("user_data_file", "user_data_file not found: " + c.userDataFile());
    }
    if (!blank(c.securityGroupId()) && !nonNull(c.securityGroupIds()).isEmpty()) {
      check.error(
          "security_group_id",
          "Only one of security_group_id or security_group_ids can be specified.");
    }
    for (String cidr : nonNull(c.temporarySecurityGroupSourceCidrs())) {
      if (!Cidrs.isValid(cidr)) {
        check.error(
            "temporary_security_group_source_cidrs",
            "Error parsing CIDR in temporary_security_group_source_cidrs: invalid CIDR address: "
                + cidr);
      }
    }
    if (!blank(c.shutdownBehavior())
        && !c.shutdownBehavior().equals("stop")
        && !c.shutdownBehavior().equals("terminate")) {
      check.error(
          "shutdown_behavior", "shutdown_behavior only accepts 'stop' or 'terminate' values.");
    }
    if (!blank(c.sshInterface())) {
      if (c.sshInterface().equals("session_manager")) {
        check.error("ssh_interface", "ssh_interface session_manager is not supported by imagebake");
      } else if (!SSH_INTERFACES.contains(c.sshInterface())) {
        check.error("ssh_interface", "Unknown interface type: " + c.sshInterface());
      }
    }
    if (!blank(c.tenancy()) && !Set.of("default", "dedicated", "host").contains(c.tenancy())) {
      check.error("tenancy", "Error: Unknown tenancy type " + c.tenancy());
    }
    if (Boolean.TRUE.equals(c.enableT2Unlimited())) {
      if (!blank(c.spotPrice())) {
        check.error(
            "enable_t2_unlimited",
            "Error: T2 Unlimited cannot be used in conjunction with Spot Instances");
      }
      if (!blank(c.instanceType()) && !c.instanceType().startsWith("t2.")) {
        check.error(
            "enable_t2_unlimited",
            "Error: T2 Unlimited enabled with a non-T2 Instance Type: " + c.instanceType());
      }
    }
    if (c.subnetFilter() != null
        && Boolean.TRUE.equals(c.subnetFilter().mostFree())
        && Boolean.TRUE.equals(c.subnetFilter().random())) {
      check.error("subnet_filter", "Only one of most_free or random can be set in subnet_filter");
    }
    MetadataOptions m = c.metadataOptions();
    if (m != null
        && m.httpPutResponseHopLimit() != null
        && (m.httpPutResponseHopLimit() < 1 || m.httpPutResponseHopLimit() > 64)) {
      check.error("metadata_options", "http_put_response_hop_limit must be between 1 and 64");
    }
    checkDevices("launch_block_device_mappings", c.launchBlockDeviceMappings(), check);
    checkCommunicator(comm, check);
  }

  /** The Amazon-specific communicator rules (the common ones are the engine's). */
  private static void checkCommunicator(CommunicatorConfig comm, ConfigCheck check) {
    if (comm == null || !comm.type().equals("ssh") || comm.ssh() == null) {
      return;
    }
    SshConfig ssh = comm.ssh();
    if (!blank(ssh.sshKeypairName()) && blank(ssh.sshPrivateKeyFile()) && !ssh.agentAuth()) {
      check.error(
          "ssh_keypair_name",
          "ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name"
              + " is specified.");
    }
    String type = ssh.temporaryKeyPairType();
    if (!blank(type) && !type.equals("rsa") && !type.equals("ed25519")) {
      check.error(
          "temporary_key_pair_type",
          "temporary_key_pair_type must be rsa or ed25519 for amazon builders, not " + type);
    }
  }

  /** Still holds template actions: rendered at run time, so not checkable offline. */
  private static boolean templated(String s) {
    return s != null && s.contains("{{");
  }

  static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
