package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Region;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * With {@code snapshot_regions}, checks that every region (and {@code region}) exists before
 * anything is made, as Packer's {@code Builder.Run} does.
 */
final class StepCheckRegions implements Step {
  private final DigitalOceanConfig config;

  StepCheckRegions(DigitalOceanConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (config.snapshotRegions().isEmpty()) {
      return;
    }
    List<Region> regions;
    try {
      regions = Api.of(ctx, state).regions();
    } catch (RuntimeException e) {
      throw Api.fail("DigitalOcean: Unable to get regions, ", e);
    }
    Set<String> valid = regions.stream().map(Region::slug).collect(Collectors.toSet());
    List<String> wanted = new ArrayList<>(config.snapshotRegions());
    wanted.add(config.region());
    for (String region : wanted) {
      if (!valid.contains(region)) {
        throw new IllegalStateException("DigitalOcean: Invalid region, " + region);
      }
    }
  }
}
