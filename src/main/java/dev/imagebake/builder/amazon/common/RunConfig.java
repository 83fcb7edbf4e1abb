package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenamedKey;
import dev.imagebake.sdk.config.RenderLater;
import java.util.List;
import java.util.Map;

/**
 * The source instance: image, type, network, tags and launch options (reference §5.3.1). The
 * renamed keys are those {@code packer fix} rewrites that Packer's Amazon builders refuse by name.
 */
@RenamedKey(key = "shutdown_behaviour", use = "shutdown_behavior")
@RenamedKey(key = "enhanced_networking", use = "ena_support")
@RenamedKey(key = "ssh_private_ip", use = "ssh_interface")
@RenamedKey(
    key = "temporary_security_group_source_cidr",
    use = "temporary_security_group_source_cidrs")
@RenamedKey(key = "iso_md5", use = "iso_checksum")
@RenamedKey(key = "iso_checksum_url", use = "iso_checksum")
@RenamedKey(key = "iso_checksum_type", use = "iso_checksum")
public record RunConfig(
    @Doc("Id of the AMI to start from.") String sourceAmi,
    @Doc("Finds the AMI to start from.") AmiFilter sourceAmiFilter,
    @Doc("Instance type, e.g. t3.micro.") String instanceType,
    @Doc("Maximum spot price, or auto; empty launches on demand.") String spotPrice,
    @Doc("Instance types to choose from for a spot fleet.") List<String> spotInstanceTypes,
    @Doc("Tags of the spot request.") @RenderLater Map<String, String> spotTags,
    @Doc("Spot block duration in minutes (multiple of 60).") Integer blockDurationMinutes,
    @Doc("Subnet to launch in.") String subnetId,
    @Doc("Finds the subnet to launch in.") SubnetFilter subnetFilter,
    @Doc("VPC to launch in.") String vpcId,
    @Doc("Finds the VPC to launch in.") ResourceFilter vpcFilter,
    @Doc("Availability zone to launch in.") String availabilityZone,
    @Doc("Existing security group to use instead of a temporary one.") String securityGroupId,
    @Doc("Existing security groups to use instead of a temporary one.")
        List<String> securityGroupIds,
    @Doc("Finds existing security groups to use.") ResourceFilter securityGroupFilter,
    @Doc("CIDRs the temporary security group admits on the SSH port (default 0.0.0.0/0).")
        List<String> temporarySecurityGroupSourceCidrs,
    @Doc("Give the instance a public IP address.") Boolean associatePublicIpAddress,
    @Doc("Instance profile (IAM role) of the instance.") String iamInstanceProfile,
    @Doc("Accepted for compatibility: imagebake does not look the instance profile up.")
        Boolean skipProfileValidation,
    @Doc("User data; base64-encoded before sending.") String userData,
    @Doc("File whose content is the user data.") String userDataFile,
    @Doc("Tags of the source instance (Name defaults to Packer Builder).") @RenderLater
        Map<String, String> runTags,
    @Doc("Tags of the source instance's volumes.") @RenderLater Map<String, String> runVolumeTags,
    @Doc("What an OS shutdown does: stop (default) or terminate.") String shutdownBehavior,
    @Doc("Launch EBS-optimized.") Boolean ebsOptimized,
    @Doc("Unlimited CPU credits (t2 only).") Boolean enableT2Unlimited,
    @Doc("Tenancy: default, dedicated or host.") String tenancy,
    @Doc("Do not stop the instance before creating the AMI; the guest must stop itself.")
        Boolean disableStopInstance,
    @Doc(
            "Which address to connect to: public_ip, private_ip, public_dns or private_dns"
                + " (default: public IP in a VPC, else private IP).")
        String sshInterface,
    @Doc("Instance metadata service options.") MetadataOptions metadataOptions,
    @Doc("Volumes of the source instance.") List<BlockDevice> launchBlockDeviceMappings,
    @Doc("Suppress the instance store devices of the AMI.") Boolean noEphemeral) {}
