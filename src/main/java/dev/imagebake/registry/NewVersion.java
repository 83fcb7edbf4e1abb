package dev.imagebake.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a template, to record as the next version of its bucket.
 *
 * @param status {@code succeeded} when every build did, {@code cancelled} when interrupted, else
 *     {@code failed}
 * @param template the template file as given
 * @param who the user who ran it
 * @param host the machine it ran on
 */
public record NewVersion(
    String bucket,
    String status,
    Recorded.Fingerprint fingerprint,
    Map<String, String> labels,
    String template,
    String who,
    String host,
    String imagebakeVersion,
    Instant started,
    Instant ended,
    List<Recorded.Build> builds) {
  public NewVersion {
    labels = new TreeMap<>(labels);
    builds = List.copyOf(builds);
  }
}
