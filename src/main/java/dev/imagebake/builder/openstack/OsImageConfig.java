package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.config.Doc;
import java.util.List;
import java.util.Map;

/** The image the build makes (§5.6). */
public record OsImageConfig(
    @Doc("Name of the image to create (required).") String imageName,
    @Doc("Properties of the image; image_type defaults to image.") Map<String, String> metadata,
    @Doc("Visibility: public, private, shared or community.") String imageVisibility,
    @Doc("Projects to share the image with.") List<String> imageMembers,
    @Doc("Accept the membership for the members (needs their rights).")
        Boolean imageAutoAcceptMembers,
    @Doc("Disk format when the image is made from a volume (default: the cloud's).")
        String imageDiskFormat,
    @Doc("Tags of the image.") List<String> imageTags,
    @Doc("Minimum disk size of the image in GB.") Integer imageMinDisk) {}
