package dev.imagebake.postprocessor.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole manifest file.
 *
 * @param builds null when the file said {@code "builds": null}; written back as it was
 * @param lastRunUuid the run that wrote it last; decides whether {@code -force} resets it
 */
record ManifestDocument(List<ManifestEntry> builds, String lastRunUuid) {
  static ManifestDocument empty() {
    return new ManifestDocument(null, "");
  }

  /** This document with {@code entry} appended and {@code runUuid} as the last run. */
  ManifestDocument append(ManifestEntry entry, String runUuid) {
    List<ManifestEntry> all = builds == null ? new ArrayList<>() : new ArrayList<>(builds);
    all.add(entry);
    return new ManifestDocument(all, runUuid);
  }
}
