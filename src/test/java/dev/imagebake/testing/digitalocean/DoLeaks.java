package dev.imagebake.testing.digitalocean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a build left behind on the fake DigitalOcean: droplets, keys, snapshots not kept. */
public final class DoLeaks {
  private DoLeaks() {}

  /** The image ids of the world before the build (the base images'). */
  public static Set<Long> baseline(DoWorld world) {
    Set<Long> ids = new HashSet<>();
    world.images().forEach(i -> ids.add(i.id));
    return ids;
  }

  /**
   * @param keptImages snapshots the build was meant to leave (a successful build's), else empty
   */
  public static List<String> find(DoWorld world, Set<Long> baseline, Set<Long> keptImages) {
    List<String> leaks = new ArrayList<>();
    world.droplets().forEach(d -> leaks.add("droplet " + d.id + " " + d.name + " is " + d.status));
    world.keys().forEach(k -> leaks.add("ssh key " + k.id + " " + k.name));
    for (DoWorld.Image i : world.images()) {
      if (!baseline.contains(i.id) && !keptImages.contains(i.id)) {
        leaks.add("snapshot " + i.id + " " + i.name + " in " + i.regions);
      }
    }
    return leaks;
  }
}
