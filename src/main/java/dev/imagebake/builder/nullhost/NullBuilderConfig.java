package dev.imagebake.builder.nullhost;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;

/** The null builder has only the communicator keys: it connects to an existing machine. */
@Doc(
    "Runs provisioners against an existing machine over SSH, or against nothing with"
        + " \"communicator\": \"none\".")
public record NullBuilderConfig(@Embedded CommunicatorConfig comm) implements UsesCommunicator {}
