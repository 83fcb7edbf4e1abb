package dev.imagebake.builder.digitalocean;

import java.util.List;

/**
 * The snapshot of the build: its image id and name and the regions it is in (the transfers' first,
 * {@code region} last, as Packer lists them).
 */
record MadeSnapshot(long imageId, String name, List<String> regions) {
  MadeSnapshot {
    regions = List.copyOf(regions);
  }
}
