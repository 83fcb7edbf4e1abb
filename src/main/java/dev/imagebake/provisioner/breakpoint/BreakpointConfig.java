package dev.imagebake.provisioner.breakpoint;

import dev.imagebake.sdk.config.Doc;

/** The {@code breakpoint} provisioner's keys (reference §6.6). */
@Doc("Pauses the build until Enter is pressed.")
public record BreakpointConfig(
    @Doc("Shown when pausing, to tell breakpoints apart.") String note,
    @Doc("Continue without pausing.") Boolean disable) {}
