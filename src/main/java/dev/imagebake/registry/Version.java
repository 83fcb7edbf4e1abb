package dev.imagebake.registry;

import java.util.List;
import java.util.Map;

/**
 * A recorded version as read back.
 *
 * @param number its number in the bucket, from 1
 * @param started ISO-8601 UTC
 * @param revoked null unless revoked
 * @param channels the channels pointing at it now
 * @param revokedParents parents of its builds that are artifacts of revoked versions, as {@code
 *     bucket/vN}: the version was built on a revoked image
 * @param builds its builds; empty in listings
 */
public record Version(
    String bucket,
    int number,
    String status,
    Recorded.Fingerprint fingerprint,
    Map<String, String> labels,
    String template,
    String who,
    String host,
    String imagebakeVersion,
    String started,
    String ended,
    Revocation revoked,
    List<String> channels,
    List<String> revokedParents,
    List<Recorded.Build> builds) {
  public Version {
    labels = Map.copyOf(labels);
    channels = List.copyOf(channels);
    revokedParents = List.copyOf(revokedParents);
    builds = List.copyOf(builds);
  }

  /** Why and when a version was revoked. */
  public record Revocation(String at, String by, String reason) {}

  /** {@code bucket/vN}, as messages name a version. */
  public String ref() {
    return bucket + "/v" + number;
  }

  /** Whether a channel may point at it: it succeeded and is not revoked. */
  public boolean assignable() {
    return status.equals("succeeded") && revoked == null;
  }
}
