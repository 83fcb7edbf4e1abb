package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.Embedded;

/** The {@code openstack} block: access, image, run and communicator keys, all flat. */
public record OpenstackConfig(
    @Embedded OsAccessConfig access,
    @Embedded OsImageConfig image,
    @Embedded OsRunConfig run,
    @Embedded CommunicatorConfig comm)
    implements UsesCommunicator {}
