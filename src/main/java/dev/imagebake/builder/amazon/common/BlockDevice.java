package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;

/** One entry of {@code launch_block_device_mappings} or {@code ami_block_device_mappings}. */
public record BlockDevice(
    @Doc("Device name, e.g. /dev/sdb; required.") String deviceName,
    @Doc("Delete the volume when the instance terminates (default false).")
        Boolean deleteOnTermination,
    @Doc("Encrypt the volume.") Boolean encrypted,
    @Doc("KMS key for the encryption; needs encrypted: true.") String kmsKeyId,
    @Doc("Provisioned IOPS (io1, io2, gp3).") Integer iops,
    @Doc("Throughput in MiB/s (gp3 only).") Integer throughput,
    @Doc("Suppress the device of the AMI.") Boolean noDevice,
    @Doc("Snapshot to create the volume from.") String snapshotId,
    @Doc("Instance store name, e.g. ephemeral0.") String virtualName,
    @Doc("Volume type: gp2, gp3, io1, io2, st1, sc1, standard.") String volumeType,
    @Doc("Size in GiB.") Integer volumeSize) {}
