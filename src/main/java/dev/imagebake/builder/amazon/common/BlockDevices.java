package dev.imagebake.builder.amazon.common;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDeviceRequest;

/**
 * The one translation of {@code launch_block_device_mappings} and {@code ami_block_device_mappings}
 * into EC2's block device mappings, for the on-demand launch, the spot launch template and the AMI.
 */
public final class BlockDevices {
  private BlockDevices() {}

  /** The mappings of {@code devices} (none when null), in order. */
  public static List<BlockDeviceMapping> mappings(List<BlockDevice> devices) {
    List<BlockDeviceMapping> list = new ArrayList<>();
    for (BlockDevice d : ConfigRules.nonNull(devices)) {
      BlockDeviceMapping.Builder m = BlockDeviceMapping.builder().deviceName(d.deviceName());
      if (Boolean.TRUE.equals(d.noDevice())) {
        m.noDevice("");
      } else if (!ConfigRules.blank(d.virtualName())) {
        m.virtualName(d.virtualName());
      } else {
        m.ebs(
            EbsBlockDevice.builder()
                .deleteOnTermination(Boolean.TRUE.equals(d.deleteOnTermination()))
                .encrypted(d.encrypted())
                .kmsKeyId(d.kmsKeyId())
                .iops(d.iops())
                .throughput(d.throughput())
                .snapshotId(d.snapshotId())
                .volumeType(d.volumeType())
                .volumeSize(d.volumeSize())
                .build());
      }
      list.add(m.build());
    }
    return list;
  }

  /** The same mappings in a launch template's shape (the spot launch). */
  static List<LaunchTemplateBlockDeviceMappingRequest> launchTemplateMappings(
      List<BlockDevice> devices) {
    List<LaunchTemplateBlockDeviceMappingRequest> mappings = new ArrayList<>();
    for (var m : mappings(devices)) {
      var b = LaunchTemplateBlockDeviceMappingRequest.builder().deviceName(m.deviceName());
      if (m.noDevice() != null) {
        b.noDevice("");
      } else if (m.virtualName() != null) {
        b.virtualName(m.virtualName());
      } else {
        var e = m.ebs();
        b.ebs(
            LaunchTemplateEbsBlockDeviceRequest.builder()
                .deleteOnTermination(e.deleteOnTermination())
                .encrypted(e.encrypted())
                .kmsKeyId(e.kmsKeyId())
                .iops(e.iops())
                .throughput(e.throughput())
                .snapshotId(e.snapshotId())
                .volumeType(e.volumeTypeAsString())
                .volumeSize(e.volumeSize())
                .build());
      }
      mappings.add(b.build());
    }
    return mappings;
  }

  /** {@code no_ephemeral}: NoDevice for xvdca to xvdcz. */
  static List<BlockDeviceMapping> noEphemeral() {
    List<BlockDeviceMapping> list = new ArrayList<>();
    for (char c = 'a'; c <= 'z'; c++) {
      list.add(BlockDeviceMapping.builder().deviceName("xvdc" + c).noDevice("").build());
    }
    return list;
  }
}
