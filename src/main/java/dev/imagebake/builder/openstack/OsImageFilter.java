package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.config.Doc;

/** {@code source_image_filter}: finds the source image in Glance. */
public record OsImageFilter(
    @Doc("What the image must match.") OsImageFilterOptions filters,
    @Doc("Take the newest match when several match (else several matches is an error).")
        Boolean mostRecent) {}
