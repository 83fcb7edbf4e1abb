package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.OneOf;

/** {@code metadata_options}: the instance metadata service of the source instance. */
public record MetadataOptions(
    @Doc("enabled (default) or disabled.") @OneOf({"enabled", "disabled"}) String httpEndpoint,
    @Doc("optional (default) or required (IMDSv2 only).") @OneOf({"optional", "required"})
        String httpTokens,
    @Doc("Hop limit of metadata PUT responses (1-64).") Integer httpPutResponseHopLimit,
    @Doc("Expose instance tags in the metadata: enabled or disabled.")
        @OneOf({"enabled", "disabled"})
        String instanceMetadataTags) {}
