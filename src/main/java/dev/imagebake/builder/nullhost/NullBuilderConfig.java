package dev.imagebake.builder.nullhost;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.RenamedKey;

/**
 * The null builder has only the communicator keys: it connects to an existing machine. Packer's
 * null builder refuses the ISO keys {@code packer fix} rewrites by name, as every builder.
 */
@RenamedKey(key = "iso_md5", use = "iso_checksum")
@RenamedKey(key = "iso_checksum_url", use = "iso_checksum")
@RenamedKey(key = "iso_checksum_type", use = "iso_checksum")
@Doc(
    "Runs provisioners against an existing machine over SSH, or against nothing with"
        + " \"communicator\": \"none\".")
public record NullBuilderConfig(@Embedded CommunicatorConfig comm) implements UsesCommunicator {}
