package dev.imagebake.postprocessor.manifest;

import java.util.List;
import java.util.Map;

/**
 * One build in the manifest, in Packer's field order.
 *
 * @param buildTime Unix seconds; 0 is left out of the file ({@code strip_time})
 * @param files null when the artifact has no files (written as {@code null}, as Packer)
 * @param customData null when unset (written as {@code null})
 */
record ManifestEntry(
    String name,
    String builderType,
    long buildTime,
    List<ManifestFileEntry> files,
    String artifactId,
    String packerRunUuid,
    Map<String, String> customData) {}
