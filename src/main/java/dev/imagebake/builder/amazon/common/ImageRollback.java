package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.Resources;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/** Deregisters an AMI and deletes its snapshots. */
public final class ImageRollback {
  private ImageRollback() {}

  /**
   * Finds the image by id, or by name among the account's images when the id never arrived, then
   * deregisters it and deletes its EBS snapshots.
   *
   * <p>Keeps {@code resources} true: the image's record is dropped once it is deregistered (or
   * found never to exist); its snapshots are recorded until each is deleted.
   *
   * @return the ids of what was deleted (image first), empty when there was nothing
   */
  public static List<String> delete(Ec2Client ec2, MadeImage made, Resources resources) {
    List<Image> images;
    if (made.id() != null) {
      images = ec2.describeImages(b -> b.imageIds(made.id())).images();
    } else {
      images =
          ec2.describeImages(
                  b ->
                      b.owners("self")
                          .filters(Filter.builder().name("name").values(made.name()).build()))
              .images();
    }
    List<String> deleted = new ArrayList<>();
    for (Image image : images) {
      deleted.addAll(deleteImage(ec2, image, made.region(), resources));
    }
    resources.deleted(Ec2Resources.image(made.region(), made.name()));
    if (made.id() != null) {
      resources.deleted(Ec2Resources.image(made));
    }
    return deleted;
  }

  private static List<String> deleteImage(
      Ec2Client ec2, Image image, String region, Resources resources) {
    List<String> snapshots = snapshotsOf(image);
    snapshots.forEach(s -> resources.created(Ec2Resources.snapshot(region, s)));
    ec2.deregisterImage(b -> b.imageId(image.imageId()));
    resources.deleted(Ec2Resources.image(region, image.imageId()));
    List<String> deleted = new ArrayList<>();
    deleted.add(image.imageId());
    for (String s : snapshots) {
      ec2.deleteSnapshot(b -> b.snapshotId(s));
      resources.deleted(Ec2Resources.snapshot(region, s));
      deleted.add(s);
    }
    return deleted;
  }

  private static List<String> snapshotsOf(Image image) {
    List<String> ids = new ArrayList<>();
    for (BlockDeviceMapping m : image.blockDeviceMappings()) {
      if (m.ebs() != null && m.ebs().snapshotId() != null) {
        ids.add(m.ebs().snapshotId());
      }
    }
    return ids;
  }

  /** Deregisters {@code image} and deletes its snapshots; returns their ids. */
  public static List<String> deleteImage(Ec2Client ec2, Image image) {
    List<String> deleted = new ArrayList<>();
    ec2.deregisterImage(b -> b.imageId(image.imageId()));
    deleted.add(image.imageId());
    for (BlockDeviceMapping m : image.blockDeviceMappings()) {
      if (m.ebs() != null && m.ebs().snapshotId() != null) {
        ec2.deleteSnapshot(b -> b.snapshotId(m.ebs().snapshotId()));
        deleted.add(m.ebs().snapshotId());
      }
    }
    return deleted;
  }
}
