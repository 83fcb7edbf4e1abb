package dev.imagebake.testing.ec2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a build left behind on the fake EC2: anything temporary or half-made. */
public final class Leaks {
  private Leaks() {}

  /** The snapshot ids of the world before the build (the source images'). */
  public static Set<String> baseline(Ec2World world) {
    Set<String> ids = new HashSet<>();
    world.snapshots().forEach(s -> ids.add(s.id));
    world.images().forEach(i -> ids.add(i.id));
    return ids;
  }

  /**
   * @param keptImages AMIs the build was meant to leave (a successful build's), else empty
   */
  public static List<String> find(Ec2World world, Set<String> baseline, Set<String> keptImages) {
    List<String> leaks = new ArrayList<>();
    for (Resources.Instance i : world.instances()) {
      if (!i.isTerminated()) {
        leaks.add("instance " + i.id + " is " + i.state);
      }
    }
    world.keyPairs().forEach(k -> leaks.add("key pair " + k.name));
    world.securityGroups().forEach(g -> leaks.add("security group " + g.id + " " + g.name));
    world.launchTemplates().forEach(t -> leaks.add("launch template " + t.name));
    for (Resources.Volume v : world.volumes()) {
      leaks.add("volume " + v.id + " is " + v.state);
    }
    Set<String> referenced = new HashSet<>();
    for (Resources.Image image : world.images()) {
      if (!baseline.contains(image.id) && !keptImages.contains(image.id)) {
        leaks.add("image " + image.id + " " + image.name + " in " + image.region);
      }
      image.mappings.forEach(m -> referenced.add(m.snapshotId));
    }
    for (Resources.Snapshot s : world.snapshots()) {
      if (!baseline.contains(s.id) && !referenced.contains(s.id)) {
        leaks.add("snapshot " + s.id + " in " + s.region);
      }
    }
    return leaks;
  }
}
