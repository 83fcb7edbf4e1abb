package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.util.List;
import java.util.Map;

/** The AMI to make: name, copies, permissions, tags, encryption (reference §5.3.1). */
public record AmiConfig(
    @Doc("Name of the AMI (3-128 characters; see clean_resource_name); required.") String amiName,
    @Doc("Description of the AMI.") @RenderLater String amiDescription,
    @Doc("hvm or paravirtual.") String amiVirtualizationType,
    @Doc("Accounts allowed to launch the AMI.") List<String> amiUsers,
    @Doc("Groups allowed to launch the AMI (all makes it public).") List<String> amiGroups,
    @Doc("Product codes of the AMI.") List<String> amiProductCodes,
    @Doc("Regions to copy the AMI to.") List<String> amiRegions,
    @Doc("Tags of the AMI and its snapshots.") @RenderLater Map<String, String> tags,
    @Doc("Tags of the AMI's snapshots.") @RenderLater Map<String, String> snapshotTags,
    @Doc("Accounts allowed to create volumes from the snapshots.") List<String> snapshotUsers,
    @Doc("Groups allowed to create volumes from the snapshots.") List<String> snapshotGroups,
    @Doc("Enable ENA on the AMI; unset leaves it as it is.") Boolean enaSupport,
    @Doc("Enable SR-IOV networking on the AMI.") Boolean sriovSupport,
    @Doc("Deregister an existing AMI of the same name first.") Boolean forceDeregister,
    @Doc("With force_deregister, delete that AMI's snapshots too.") Boolean forceDeleteSnapshot,
    @Doc("Encrypt the AMI's boot volume; unset keeps the source's encryption.") Boolean encryptBoot,
    @Doc("KMS key for encrypt_boot.") String kmsKeyId,
    @Doc("KMS key per region of ami_regions.") Map<String, String> regionKmsKeyIds,
    @Doc("Keep only the copies in ami_regions, not the AMI in the build region.")
        Boolean skipSaveBuildRegion,
    @Doc("Volumes to add to the AMI.") List<BlockDevice> amiBlockDeviceMappings,
    @Doc("Run everything but create no AMI (for testing provisioners).") Boolean skipCreateAmi) {}
