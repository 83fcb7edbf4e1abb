package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The instance's security groups: the given ones, the ones a filter finds, or a temporary group
 * that admits only {@code temporary_security_group_source_cidrs} on the SSH port. The temporary
 * group's name is recorded before it is created; the cleanup finds it by name if its id never
 * arrived, and retries while the terminated instance still holds it. Produces {@link
 * AmazonState#GROUPS}.
 */
public final class StepSecurityGroup implements Step {
  private static final int DELETE_ATTEMPTS = 5;

  private final RunConfig run;
  private final CommunicatorConfig comm;

  public StepSecurityGroup(RunConfig run, CommunicatorConfig comm) {
    this.run = run;
    this.comm = comm;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    NetworkInfo network = state.find(AmazonState.NETWORK).orElse(new NetworkInfo(null, null, null));
    List<String> given = new ArrayList<>(ConfigRules.nonNull(run.securityGroupIds()));
    if (!ConfigRules.blank(run.securityGroupId())) {
      given.add(run.securityGroupId());
    }
    if (!given.isEmpty()) {
      ec2.describeSecurityGroups(b -> b.groupIds(given));
      state.put(AmazonState.GROUPS, new SecurityGroups(given));
      return;
    }
    if (run.securityGroupFilter() != null) {
      List<Filter> filters = StepNetworkInfo.filters(run.securityGroupFilter().filters());
      if (network.vpcId() != null) {
        filters.add(Filter.builder().name("vpc-id").values(network.vpcId()).build());
      }
      List<String> ids =
          ec2.describeSecurityGroups(b -> b.filters(filters)).securityGroups().stream()
              .map(SecurityGroup::groupId)
              .toList();
      if (ids.isEmpty()) {
        throw new IllegalStateException(
            "No security groups found matching filters: " + run.securityGroupFilter().filters());
      }
      ctx.ui().message("Found Security Group(s): " + String.join(", ", ids));
      state.put(AmazonState.GROUPS, new SecurityGroups(ids));
      return;
    }
    String name = "packer_" + UUID.randomUUID();
    String region = state.require(AmazonState.SESSION).buildRegion();
    state.put(AmazonState.TEMP_GROUP, new TempSecurityGroup(name, network.vpcId(), null));
    ctx.resources().created(Ec2Resources.securityGroup(region, name));
    ctx.ui().say("Creating temporary security group for this instance: " + name);
    String id;
    try {
      id =
          ec2.createSecurityGroup(
                  b ->
                      b.groupName(name)
                          .description("Temporary group for Packer")
                          .vpcId(network.vpcId()))
              .groupId();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Error creating temporary security group: " + AwsErrors.describe(e), e);
    }
    state.put(AmazonState.TEMP_GROUP, new TempSecurityGroup(name, network.vpcId(), id));
    ctx.resources()
        .replace(
            Ec2Resources.securityGroup(region, name), Ec2Resources.securityGroup(region, id), null);
    state.put(AmazonState.GROUPS, new SecurityGroups(List.of(id)));
    state.require(AmazonState.WAITS).securityGroupExists(ec2, id);
    if (comm == null || !comm.type().equals("ssh")) {
      return;
    }
    int port = comm.ssh() == null ? 22 : comm.ssh().port();
    List<String> cidrs = ConfigRules.nonNull(run.temporarySecurityGroupSourceCidrs());
    if (cidrs.isEmpty()) {
      cidrs = List.of("0.0.0.0/0");
    }
    ctx.ui()
        .say(
            "Authorizing access to port "
                + port
                + " from ["
                + String.join(" ", cidrs)
                + "] in the temporary security groups...");
    List<IpRange> v4 = new ArrayList<>();
    List<Ipv6Range> v6 = new ArrayList<>();
    for (String cidr : cidrs) {
      if (cidr.contains(":")) {
        v6.add(Ipv6Range.builder().cidrIpv6(cidr).build());
      } else {
        v4.add(IpRange.builder().cidrIp(cidr).build());
      }
    }
    try {
      ec2.authorizeSecurityGroupIngress(
          b ->
              b.groupId(id)
                  .ipPermissions(
                      IpPermission.builder()
                          .ipProtocol("tcp")
                          .fromPort(port)
                          .toPort(port)
                          .ipRanges(v4)
                          .ipv6Ranges(v6)
                          .build()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Error authorizing security group ingress: " + AwsErrors.describe(e), e);
    }
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    TempSecurityGroup group = state.find(AmazonState.TEMP_GROUP).orElse(null);
    if (group == null) {
      return;
    }
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    String region = state.require(AmazonState.SESSION).buildRegion();
    Waits waits = state.require(AmazonState.CLEANUP_WAITS).cancelledBy(ctx.cancellation());
    Runnable gone =
        () -> {
          ctx.resources().deleted(Ec2Resources.securityGroup(region, group.name()));
          if (group.id() != null) {
            ctx.resources().deleted(Ec2Resources.securityGroup(region, group.id()));
          }
        };
    ctx.ui().say("Deleting temporary security group...");
    String id = group.id();
    RuntimeException last = null;
    for (int attempt = 1; attempt <= DELETE_ATTEMPTS; attempt++) {
      try {
        if (id == null) {
          id = findByName(ec2, group);
          if (id == null) {
            gone.run();
            return;
          }
        }
        String groupId = id;
        ec2.deleteSecurityGroup(b -> b.groupId(groupId));
        gone.run();
        return;
      } catch (RuntimeException e) {
        if (AwsErrors.code(e).equals("InvalidGroup.NotFound")) {
          gone.run();
          return;
        }
        last = e;
        if (attempt < DELETE_ATTEMPTS) {
          try {
            waits.pause();
          } catch (CancelledException skipped) {
            break; // a deliberate second Ctrl-C: the group is listed as left behind
          }
        }
      }
    }
    ctx.ui()
        .error(
            "Error cleaning up security group. Please delete the group manually: err: "
                + AwsErrors.describe(last)
                + "; security group ID: "
                + (id == null ? group.name() : id));
  }

  private static String findByName(Ec2Client ec2, TempSecurityGroup group) {
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().name("group-name").values(group.name()).build());
    if (group.vpcId() != null) {
      filters.add(Filter.builder().name("vpc-id").values(group.vpcId()).build());
    }
    return ec2.describeSecurityGroups(b -> b.filters(filters)).securityGroups().stream()
        .map(SecurityGroup::groupId)
        .findFirst()
        .orElse(null);
  }
}
