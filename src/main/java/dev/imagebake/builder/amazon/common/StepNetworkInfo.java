package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Resolves {@code vpc_filter} and {@code subnet_filter}, and a subnet's VPC and zone. Produces
 * {@link AmazonState#NETWORK}.
 */
public final class StepNetworkInfo implements Step {
  private final RunConfig run;

  public StepNetworkInfo(RunConfig run) {
    this.run = run;
  }

  static List<Filter> filters(Map<String, String> map) {
    List<Filter> list = new ArrayList<>();
    if (map != null) {
      map.forEach((k, v) -> list.add(Filter.builder().name(k).values(v).build()));
    }
    return list;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    String vpcId = run.vpcId();
    String subnetId = run.subnetId();
    String zone = run.availabilityZone();
    if (ConfigRules.blank(vpcId) && run.vpcFilter() != null) {
      List<Vpc> vpcs = ec2.describeVpcs(b -> b.filters(filters(run.vpcFilter().filters()))).vpcs();
      if (vpcs.size() != 1) {
        throw new IllegalStateException(
            "Exactly one VPC should match the filter, but "
                + vpcs.size()
                + " VPC's was found matching filters: "
                + run.vpcFilter().filters());
      }
      vpcId = vpcs.get(0).vpcId();
      ctx.ui().message("Found VPC ID: " + vpcId);
    }
    if (ConfigRules.blank(subnetId) && run.subnetFilter() != null) {
      List<Filter> f = filters(run.subnetFilter().filters());
      f.add(Filter.builder().name("state").values("available").build());
      if (!ConfigRules.blank(vpcId)) {
        f.add(Filter.builder().name("vpc-id").values(vpcId).build());
      }
      if (!ConfigRules.blank(zone)) {
        f.add(Filter.builder().name("availability-zone").values(zone).build());
      }
      List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(f)).subnets();
      if (subnets.isEmpty()) {
        throw new IllegalStateException(
            "No subnet was found matching filters: " + run.subnetFilter().filters());
      }
      Subnet chosen;
      if (Boolean.TRUE.equals(run.subnetFilter().mostFree())) {
        chosen =
            subnets.stream()
                .max(
                    Comparator.comparing(
                        s -> s.availableIpAddressCount() == null ? 0 : s.availableIpAddressCount()))
                .orElseThrow();
      } else if (Boolean.TRUE.equals(run.subnetFilter().random())) {
        chosen = subnets.get(ThreadLocalRandom.current().nextInt(subnets.size()));
      } else if (subnets.size() == 1) {
        chosen = subnets.get(0);
      } else {
        throw new IllegalStateException(
            "Your filter matched "
                + subnets.size()
                + " Subnets. Please try a more specific search, or set random or most_free to"
                + " true.");
      }
      subnetId = chosen.subnetId();
      ctx.ui().message("Found Subnet ID: " + subnetId);
    }
    if (!ConfigRules.blank(subnetId) && (ConfigRules.blank(zone) || ConfigRules.blank(vpcId))) {
      String id = subnetId;
      Subnet s = ec2.describeSubnets(b -> b.subnetIds(id)).subnets().get(0);
      zone = ConfigRules.blank(zone) ? s.availabilityZone() : zone;
      vpcId = ConfigRules.blank(vpcId) ? s.vpcId() : vpcId;
    }
    state.put(AmazonState.NETWORK, new NetworkInfo(vpcId, subnetId, zone));
  }
}
