package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;

/** {@code aws_polling}: how the EC2 waiters poll. */
public record AwsPolling(
    @Doc("Seconds between two polls (default 15; 0 polls without pause).") Integer delaySeconds,
    @Doc("Polls before giving up (default 40).") Integer maxAttempts) {}
