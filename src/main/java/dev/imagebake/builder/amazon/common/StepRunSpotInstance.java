package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;

/**
 * Launches the source instance as spot through a launch template and an instant fleet (Packer's
 * CreateFleet flow). The template's name and the fleet's client token are recorded before the
 * calls. Cleanup: terminate and wait, then delete the launch template. Produces {@link
 * AmazonState#INSTANCE_ID} and {@link AmazonState#INSTANCE}.
 */
public final class StepRunSpotInstance implements Step {
  private final RunConfig run;

  public StepRunSpotInstance(RunConfig run) {
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    ctx.ui().say("Launching a spot AWS instance...");
    LaunchParameters launch = LaunchParameters.of(ctx, state, run);
    NetworkInfo network = launch.network();
    List<String> types =
        run.spotInstanceTypes() == null || run.spotInstanceTypes().isEmpty()
            ? List.of(run.instanceType())
            : run.spotInstanceTypes();

    RequestLaunchTemplateData.Builder data =
        RequestLaunchTemplateData.builder()
            .imageId(launch.imageId())
            .userData(launch.userData())
            .keyName(launch.keyName())
            .instanceMarketOptions(
                m ->
                    m.marketType("spot")
                        .spotOptions(
                            s -> {
                              if (!"auto".equals(run.spotPrice())
                                  && !ConfigRules.blank(run.spotPrice())) {
                                s.maxPrice(run.spotPrice());
                              }
                            }));
    if (launch.iamInstanceProfile() != null) {
      data.iamInstanceProfile(p -> p.name(launch.iamInstanceProfile()));
    }
    data.blockDeviceMappings(BlockDevices.launchTemplateMappings(run.launchBlockDeviceMappings()));
    if (launch.ownNetworkInterface(run)) {
      data.networkInterfaces(
          LaunchTemplateInstanceNetworkInterfaceSpecificationRequest.builder()
              .deviceIndex(0)
              .associatePublicIpAddress(run.associatePublicIpAddress())
              .subnetId(network.subnetId())
              .groups(launch.groups())
              .deleteOnTermination(true)
              .build());
    } else {
      data.securityGroupIds(launch.groups());
    }
    data.tagSpecifications(
        launch.tagSpecifications(
            (type, tags) ->
                LaunchTemplateTagSpecificationRequest.builder()
                    .resourceType(type)
                    .tags(tags)
                    .build()));

    String templateName =
        "packer-fleet-launch-template-" + UUID.randomUUID().toString().substring(0, 8);
    state.put(AmazonState.LAUNCH_TEMPLATE, templateName);
    String region = state.require(AmazonState.SESSION).buildRegion();
    ctx.resources().created(Ec2Resources.launchTemplate(region, templateName));
    try {
      ec2.createLaunchTemplate(
          b -> b.launchTemplateName(templateName).launchTemplateData(data.build()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Error creating launch template for spot instance: " + AwsErrors.describe(e), e);
    }
    List<FleetLaunchTemplateOverridesRequest> overrides = new ArrayList<>();
    for (String type : types) {
      overrides.add(
          FleetLaunchTemplateOverridesRequest.builder()
              .instanceType(type)
              .subnetId(network.subnetId())
              .availabilityZone(network.subnetId() == null ? network.availabilityZone() : null)
              .build());
    }
    String token = UUID.randomUUID().toString();
    state.put(AmazonState.LAUNCH_TOKEN, token);
    ctx.resources()
        .created(
            Ec2Resources.launchingInstance(region, token),
            Ec2Resources.terminate(ec2, null, token));
    CreateFleetResponse fleet;
    try {
      fleet =
          ec2.createFleet(
              b ->
                  b.type("instant")
                      .clientToken(token)
                      .replaceUnhealthyInstances(false)
                      .targetCapacitySpecification(
                          t -> t.totalTargetCapacity(1).defaultTargetCapacityType("spot"))
                      .launchTemplateConfigs(
                          FleetLaunchTemplateConfigRequest.builder()
                              .launchTemplateSpecification(
                                  s -> s.launchTemplateName(templateName).version("1"))
                              .overrides(overrides)
                              .build()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Error launching source spot instance: " + AwsErrors.describe(e), e);
    }
    String id =
        fleet.instances().stream()
            .flatMap(i -> i.instanceIds().stream())
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Error launching source spot instance: "
                            + fleet.errors().stream()
                                .map(e -> e.errorCode() + ": " + e.errorMessage())
                                .toList()));
    state.put(AmazonState.INSTANCE_ID, id);
    ctx.resources()
        .replace(
            Ec2Resources.launchingInstance(region, token),
            Ec2Resources.instance(region, id),
            Ec2Resources.terminate(ec2, id, null));
    ctx.ui().message("Instance ID: " + id);
    StepRunSourceInstance.awaitRunning(ctx, state, ec2, id, run);
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    InstanceTermination.terminate(ctx, state);
    state
        .find(AmazonState.LAUNCH_TEMPLATE)
        .ifPresent(
            name -> {
              AwsSession session = state.require(AmazonState.SESSION);
              Runnable gone =
                  () ->
                      ctx.resources()
                          .deleted(Ec2Resources.launchTemplate(session.buildRegion(), name));
              try {
                session.ec2().deleteLaunchTemplate(b -> b.launchTemplateName(name));
                gone.run();
              } catch (RuntimeException e) {
                if (AwsErrors.code(e).startsWith("InvalidLaunchTemplateName.NotFound")) {
                  gone.run();
                } else {
                  ctx.ui()
                      .error(
                          "Error deleting launch template, please delete it manually: "
                              + name
                              + " ("
                              + AwsErrors.describe(e)
                              + ")");
                }
              }
            });
  }
}
