package dev.imagebake.registry;

/**
 * One row of a channel's append-only history.
 *
 * @param at ISO-8601 UTC
 * @param action {@code set} or {@code rollback}
 * @param from the version it held before, or null for its first assignment
 */
public record ChannelMove(
    String bucket, String channel, String at, String who, String action, Integer from, int to) {}
