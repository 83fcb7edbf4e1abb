package dev.imagebake.builder.amazon.common;

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
   * @return the ids of what was deleted (image first), empty when there was nothing
   */
  public static List<String> delete(Ec2Client ec2, MadeImage made) {
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
      deleted.addAll(deleteImage(ec2, image));
    }
    return deleted;
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
