package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.config.Doc;
import java.util.List;
import java.util.Map;

/** The source server: image, flavor, network, volume and launch options (§5.6). */
public record OsRunConfig(
    @Doc("Which address to connect to: public or private (default: floating, then any).")
        String sshInterface,
    @Doc("IP version of the address to connect to: 4 or 6.") String sshIpVersion,
    @Doc("Id of the image to boot.") String sourceImage,
    @Doc("Name of the image to boot.") String sourceImageName,
    @Doc("URL of an image for Glance to import (web-download) and boot; deleted after.")
        String externalSourceImageUrl,
    @Doc("Disk format of external_source_image_url (default qcow2).")
        String externalSourceImageFormat,
    @Doc("Finds the image to boot.") OsImageFilter sourceImageFilter,
    @Doc("Flavor id or name (required).") String flavor,
    @Doc("Availability zone of the server.") String availabilityZone,
    @Doc("Wait until RackConnect marks the server DEPLOYED (Rackspace).") Boolean rackconnectWait,
    @Doc("Network (id or name) to create a floating IP in.") String floatingIpNetwork,
    @Doc("Network (id) whose port of the server gets the floating IP (default: the first).")
        String instanceFloatingIpNet,
    @Doc("Id of an existing floating IP to use.") String floatingIp,
    @Doc("Use an unassociated floating IP of the project before creating one.") Boolean reuseIps,
    @Doc("Security groups (names) of the server.") List<String> securityGroups,
    @Doc("Networks (ids) to attach the server to.") List<String> networks,
    @Doc("Ports (ids) to attach the server to.") List<String> ports,
    @Doc("CIDRs to discover the network by (without networks and ports).")
        List<String> networkDiscoveryCidrs,
    @Doc("User data given to the server.") String userData,
    @Doc("File whose content is the user data.") String userDataFile,
    @Doc("Name of the server (default: image_name).") String instanceName,
    @Doc("Metadata of the server (keys and values at most 255 bytes).")
        Map<String, String> instanceMetadata,
    @Doc("Delete the server with Nova's forceDelete action on cleanup.") Boolean forceDelete,
    @Doc("Give the server a config drive.") Boolean configDrive,
    @Doc("Deprecated name of floating_ip_network.") String floatingIpPool,
    @Doc("Boot from a Cinder volume made of the source image.") Boolean useBlockstorageVolume,
    @Doc("Name of the volume (default packer_<uuid>).") String volumeName,
    @Doc("Type of the volume.") String volumeType,
    @Doc("Size of the volume in GB (default: the source image's minimum).") Integer volumeSize,
    @Doc("Availability zone of the volume (default: availability_zone).")
        String volumeAvailabilityZone,
    @Doc("Accepted for compatibility (Packer's deprecated provider key); ignored.")
        String openstackProvider,
    @Doc("Deprecated: use floating_ip_network.") Boolean useFloatingIp) {}
