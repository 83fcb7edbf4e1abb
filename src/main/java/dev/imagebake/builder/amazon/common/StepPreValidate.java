package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Checks what can be checked before creating anything: the regions exist, a given VPC without a
 * subnet is the default one, and no AMI already has the name. Uses {@link AmazonState#SESSION}.
 */
public final class StepPreValidate implements Step {
  private final AccessConfig access;
  private final AmiConfig ami;
  private final RunConfig run;

  public StepPreValidate(AccessConfig access, AmiConfig ami, RunConfig run) {
    this.access = access;
    this.ami = ami;
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    AwsSession session = state.require(AmazonState.SESSION);
    Ec2Client ec2 = session.ec2();
    if (!access.skipRegionValidationOrFalse()) {
      Set<String> known =
          ec2.describeRegions(b -> b.allRegions(true)).regions().stream()
              .map(Region::regionName)
              .collect(Collectors.toSet());
      List<String> wanted = new ArrayList<>(List.of(session.buildRegion()));
      wanted.addAll(ConfigRules.nonNull(ami.amiRegions()));
      List<String> invalid = wanted.stream().filter(r -> !known.contains(r)).toList();
      if (!invalid.isEmpty()) {
        throw new IllegalStateException("Invalid region(s): " + invalid);
      }
    }
    if (Boolean.TRUE.equals(ami.forceDeregister())) {
      ctx.ui().say("Force Deregister flag found, skipping prevalidating AMI Name");
      return;
    }
    if (Boolean.TRUE.equals(ami.skipCreateAmi())) {
      ctx.ui().say("skip_create_ami is set, skipping prevalidating AMI Name");
      return;
    }
    ctx.ui().say("Prevalidating any provided VPC information");
    if (!ConfigRules.blank(run.vpcId())
        && ConfigRules.blank(run.subnetId())
        && run.subnetFilter() == null) {
      List<Vpc> vpcs = ec2.describeVpcs(b -> b.vpcIds(run.vpcId())).vpcs();
      if (vpcs.isEmpty() || !Boolean.TRUE.equals(vpcs.get(0).isDefault())) {
        throw new IllegalStateException(
            "Error: subnet_id or subnet_filter must be provided for non-default VPCs");
      }
    }
    String name = Render.string(ctx, state, ami.amiName());
    ctx.ui().say("Prevalidating AMI Name: " + name);
    List<Image> existing =
        ec2.describeImages(
                b -> b.owners("self").filters(Filter.builder().name("name").values(name).build()))
            .images();
    if (!existing.isEmpty()) {
      throw new IllegalStateException(
          "Error: AMI Name: '"
              + name
              + "' is used by an existing AMI: "
              + existing.get(0).imageId());
    }
  }
}
