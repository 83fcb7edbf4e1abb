package dev.imagebake.testing.openstack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a build left behind on the fake OpenStack: anything temporary or half-made. */
public final class OsLeaks {
  private OsLeaks() {}

  /** The images and floating IPs of the world before the build. */
  public static Set<String> baseline(OsWorld world) {
    Set<String> ids = new HashSet<>();
    world.images().forEach(i -> ids.add(i.id));
    world.floatingIps().forEach(f -> ids.add(f.id));
    return ids;
  }

  /**
   * @param keptImages images the build was meant to leave (a successful build's), else empty
   */
  public static List<String> find(OsWorld world, Set<String> baseline, Set<String> keptImages) {
    List<String> leaks = new ArrayList<>();
    world.servers().forEach(s -> leaks.add("server " + s.id + " " + s.name + " is " + s.status));
    world.keyPairs().forEach(k -> leaks.add("key pair " + k));
    world.volumes().forEach(v -> leaks.add("volume " + v.id + " " + v.name + " is " + v.status));
    for (OsWorld.FloatingIp f : world.floatingIps()) {
      if (!baseline.contains(f.id)) {
        leaks.add("floating IP " + f.id);
      } else if (f.portId != null) {
        leaks.add("floating IP " + f.id + " still associated with " + f.portId);
      }
    }
    for (OsWorld.Image i : world.images()) {
      if (!baseline.contains(i.id) && !keptImages.contains(i.id)) {
        leaks.add("image " + i.id + " " + i.name + " is " + i.status);
      }
    }
    return leaks;
  }
}
