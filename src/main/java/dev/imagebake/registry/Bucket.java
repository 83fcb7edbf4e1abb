package dev.imagebake.registry;

import java.util.List;

/**
 * A bucket: the versions of one template (or of one name given with {@code --bucket}).
 *
 * @param latest the highest version number, or 0 when there is none
 */
public record Bucket(String name, int versions, int latest, List<Channel> channels) {
  public Bucket {
    channels = List.copyOf(channels);
  }
}
