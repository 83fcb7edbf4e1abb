package dev.imagebake.registry;

/**
 * Where a channel points now.
 *
 * @param updated when it last moved, ISO-8601 UTC
 * @param revoked whether that version has been revoked since (reading the channel then fails)
 */
public record Channel(String bucket, String name, int version, String updated, boolean revoked) {}
