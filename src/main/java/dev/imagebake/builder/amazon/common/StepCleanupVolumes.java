package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.LinkedHashMap;
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
    try {
      Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
      if (!devices.isEmpty()) {
        // Only volumes that outlived the instance; those EC2 no longer knows are gone already.
        java.util.Set<String> available =
            ec2
                .describeVolumes(
                    b ->
                        b.filters(
                            Filter.builder().name("volume-id").values(devices.keySet()).build()))
                .volumes()
                .stream()
                .filter(v -> v.state() == VolumeState.AVAILABLE)
                .map(Volume::volumeId)
                .collect(java.util.stream.Collectors.toSet());
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
