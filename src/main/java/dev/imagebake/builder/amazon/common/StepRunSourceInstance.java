package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Launches the on-demand source instance and waits until it runs. The RunInstances client token is
 * recorded before the call, so the cleanup finds and terminates the instance even when the answer
 * was lost. Produces {@link AmazonState#INSTANCE_ID} and {@link AmazonState#INSTANCE}.
 */
public final class StepRunSourceInstance implements Step {
  private static final int PROFILE_ATTEMPTS = 11;

  private final RunConfig run;
  private final MetadataOptions metadata;

  public StepRunSourceInstance(RunConfig run) {
    this.run = run;
    this.metadata = run.metadataOptions();
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    String region = state.require(AmazonState.SESSION).buildRegion();
    ctx.ui().say("Launching a source AWS instance...");
    LaunchParameters launch = LaunchParameters.of(ctx, state, run);
    NetworkInfo network = launch.network();
    String token = UUID.randomUUID().toString();
    state.put(AmazonState.LAUNCH_TOKEN, token);

    RunInstancesRequest.Builder req =
        RunInstancesRequest.builder()
            .imageId(launch.imageId())
            .instanceType(run.instanceType())
            .minCount(1)
            .maxCount(1)
            .clientToken(token)
            .userData(launch.userData())
            .keyName(launch.keyName())
            .ebsOptimized(Boolean.TRUE.equals(run.ebsOptimized()) ? Boolean.TRUE : null)
            .instanceInitiatedShutdownBehavior(run.shutdownBehavior());
    if (launch.iamInstanceProfile() != null) {
      req.iamInstanceProfile(p -> p.name(launch.iamInstanceProfile()));
    }
    List<BlockDeviceMapping> mappings =
        new ArrayList<>(BlockDevices.mappings(run.launchBlockDeviceMappings()));
    if (Boolean.TRUE.equals(run.noEphemeral())) {
      mappings.addAll(BlockDevices.noEphemeral());
    }
    req.blockDeviceMappings(mappings);
    if (network.availabilityZone() != null || run.tenancy() != null) {
      req.placement(p -> p.availabilityZone(network.availabilityZone()).tenancy(run.tenancy()));
    }
    if (Boolean.TRUE.equals(run.enableT2Unlimited())) {
      req.creditSpecification(c -> c.cpuCredits("unlimited"));
    }
    if (metadata != null) {
      req.metadataOptions(
          m ->
              m.httpEndpoint(metadata.httpEndpoint())
                  .httpTokens(metadata.httpTokens())
                  .httpPutResponseHopLimit(metadata.httpPutResponseHopLimit())
                  .instanceMetadataTags(metadata.instanceMetadataTags()));
    }
    req.tagSpecifications(
        launch.tagSpecifications(
            (type, tags) -> TagSpecification.builder().resourceType(type).tags(tags).build()));
    if (launch.ownNetworkInterface(run)) {
      req.networkInterfaces(
          InstanceNetworkInterfaceSpecification.builder()
              .deviceIndex(0)
              .associatePublicIpAddress(run.associatePublicIpAddress())
              .subnetId(network.subnetId())
              .groups(launch.groups())
              .deleteOnTermination(true)
              .build());
    } else {
      req.subnetId(network.subnetId()).securityGroupIds(launch.groups());
    }
    Instance launched = null;
    Waits waits = state.require(AmazonState.WAITS);
    RunInstancesRequest request = req.build();
    ctx.resources()
        .created(
            Ec2Resources.launchingInstance(region, token),
            Ec2Resources.terminate(ec2, null, token));
    for (int attempt = 1; launched == null; attempt++) {
      try {
        launched = ec2.runInstances(request).instances().get(0);
      } catch (RuntimeException e) {
        // A new instance profile takes a while to be usable by EC2 (IAM is eventually consistent).
        boolean profileNotYetVisible =
            AwsErrors.code(e).equals("InvalidParameterValue")
                && AwsErrors.describe(e).contains("iamInstanceProfile");
        if (!profileNotYetVisible || attempt >= PROFILE_ATTEMPTS) {
          throw new IllegalStateException(
              "Error launching source instance: " + AwsErrors.describe(e), e);
        }
        waits.pause();
      }
    }
    String id = launched.instanceId();
    state.put(AmazonState.INSTANCE_ID, id);
    state.put(AmazonState.INSTANCE, launched);
    ctx.resources()
        .replace(
            Ec2Resources.launchingInstance(region, token),
            Ec2Resources.instance(region, id),
            Ec2Resources.terminate(ec2, id, null));
    ctx.ui().message("Instance ID: " + id);
    awaitRunning(ctx, state, ec2, id, run);
  }

  /** Waits for {@code running} and records the described instance (with its addresses). */
  static void awaitRunning(
      BuildContext ctx, StateBag state, Ec2Client ec2, String id, RunConfig run) {
    ctx.ui().say("Waiting for instance (" + id + ") to become ready...");
    Waits waits = state.require(AmazonState.WAITS);
    waits.instanceRunning(ec2, id);
    Instance running =
        Retries.onCodes(
            waits,
            11,
            Set.of("InvalidInstanceID.NotFound"),
            () ->
                ec2.describeInstances(b -> b.instanceIds(id))
                    .reservations()
                    .get(0)
                    .instances()
                    .get(0));
    state.put(AmazonState.INSTANCE, running);
    // Volumes that outlive the instance (the source AMI's, unless the user mapped the device):
    // StepCleanupVolumes deletes them after the termination.
    String region = state.require(AmazonState.SESSION).buildRegion();
    StepCleanupVolumes.outliving(running, run)
        .forEach(v -> ctx.resources().created(Ec2Resources.volume(region, v)));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    InstanceTermination.terminate(ctx, state);
  }
}
