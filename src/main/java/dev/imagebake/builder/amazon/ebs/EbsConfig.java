package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.builder.amazon.common.AccessConfig;
import dev.imagebake.builder.amazon.common.AmiConfig;
import dev.imagebake.builder.amazon.common.RunConfig;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.Embedded;

/** The {@code amazon-ebs} block: access, AMI, run and communicator keys, all flat in the block. */
public record EbsConfig(
    @Embedded AccessConfig access,
    @Embedded AmiConfig ami,
    @Embedded RunConfig run,
    @Embedded CommunicatorConfig comm)
    implements UsesCommunicator {}
