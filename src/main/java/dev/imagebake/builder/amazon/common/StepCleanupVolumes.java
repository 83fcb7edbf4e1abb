package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/**
 * Cleanup only, after the instance is terminated: deletes the instance's volumes that outlived it
 * ({@code available}), except the devices of {@code launch_block_device_mappings}, whose {@code
 * delete_on_termination} the user chose. Uses {@link AmazonState#INSTANCE}.
 */
public final class StepCleanupVolumes implements Step {
  private final RunConfig run;

  public StepCleanupVolumes(RunConfig run) {
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {}

  /**
   * The volumes of {@code instance} that its termination will not delete and this cleanup will: not
   * {@code delete_on_termination}, and not a device of {@code launch_block_device_mappings}.
   */
  static List<String> outliving(Instance instance, RunConfig run) {
    List<String> kept =
        ConfigRules.nonNull(run.launchBlockDeviceMappings()).stream()
            .map(BlockDevice::deviceName)
            .toList();
    return instance.blockDeviceMappings().stream()
        .filter(m -> m.ebs() != null && m.ebs().volumeId() != null)
        .filter(m -> !Boolean.TRUE.equals(m.ebs().deleteOnTermination()))
        .filter(m -> !kept.contains(m.deviceName()))
        .map(m -> m.ebs().volumeId())
        .toList();
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    Instance instance = state.find(AmazonState.INSTANCE).orElse(null);
    if (instance == null) {
      return;
    }
    ctx.ui().say("Cleaning up any extra volumes...");
    Map<String, String> devices = new LinkedHashMap<>();
    for (InstanceBlockDeviceMapping m : instance.blockDeviceMappings()) {
      if (m.ebs() != null && m.ebs().volumeId() != null) {
        devices.put(m.ebs().volumeId(), m.deviceName());
      }
    }
    String region = state.require(AmazonState.SESSION).buildRegion();
    try {
      Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
      if (!devices.isEmpty()) {
        // Only volumes that outlived the instance; those EC2 no longer knows are gone already.
        List<Volume> known =
            ec2.describeVolumes(
                    b ->
                        b.filters(
                            Filter.builder().name("volume-id").values(devices.keySet()).build()))
                .volumes();
        java.util.Set<String> available =
            known.stream()
                .filter(v -> v.state() == VolumeState.AVAILABLE)
                .map(Volume::volumeId)
                .collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> existing =
            known.stream().map(Volume::volumeId).collect(java.util.stream.Collectors.toSet());
        devices.keySet().stream()
            .filter(v -> !existing.contains(v))
            .forEach(v -> ctx.resources().deleted(Ec2Resources.volume(region, v)));
        devices.keySet().retainAll(available);
      }
      for (BlockDevice launch : ConfigRules.nonNull(run.launchBlockDeviceMappings())) {
        devices.values().removeIf(d -> d.equals(launch.deviceName()));
      }
      if (devices.isEmpty()) {
        ctx.ui().say("No volumes to clean up, skipping");
        return;
      }
      for (String id : devices.keySet()) {
        ctx.ui().say("Destroying volume (" + id + ")...");
        try {
          ec2.deleteVolume(b -> b.volumeId(id));
          ctx.resources().deleted(Ec2Resources.volume(region, id));
        } catch (RuntimeException e) {
          ctx.ui()
              .error(
                  "Error deleting volume "
                      + id
                      + ", please delete it manually: "
                      + AwsErrors.describe(e));
        }
      }
    } catch (RuntimeException e) {
      ctx.ui()
          .error(
              "Error describing volumes, these may need to be deleted manually: "
                  + devices.keySet()
                  + " ("
                  + AwsErrors.describe(e)
                  + ")");
    }
  }
}
