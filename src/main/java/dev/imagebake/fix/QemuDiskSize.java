package dev.imagebake.fix;

import java.util.Map;

/**
 * {@code qemu-disk-size}: a numeric {@code disk_size} of a {@code qemu} builder becomes a string in
 * megabytes.
 */
final class QemuDiskSize extends BuilderFixer {
  @Override
  public String name() {
    return "qemu-disk-size";
  }

  @Override
  public String synopsis() {
    return "Updates \"disk_size\" from int to string in QEMU builders.";
  }

  @Override
  boolean takes(String type) {
    return "qemu".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (builder.get("disk_size") instanceof Double size) {
      // Go's int(float64) truncates toward zero.
      builder.put("disk_size", (long) size.doubleValue() + "M");
    }
  }
}
