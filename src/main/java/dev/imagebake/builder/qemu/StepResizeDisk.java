package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;

/**
 * Packer's {@code stepResizeDisk}: with {@code disk_image} and without {@code skip_resize_disk},
 * grows the copied disk to {@code disk_size} ({@code qemu-img resize}). A disk already as large is
 * left alone (Packer fails asking for {@code --shrink}). Uses {@link QemuState#DISK}.
 */
final class StepResizeDisk implements Step {
  private final QemuConfig config;

  StepResizeDisk(QemuConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (!config.diskImageOrFalse() || Boolean.TRUE.equals(config.skipResizeDisk())) {
      return;
    }
    DiskSize size = DiskSize.parse(config.diskSizeOrDefault());
    QemuImg img = new QemuImg("qemu-img", config.imgArgs(), ctx.cancellation());
    var disk = state.require(QemuState.DISK);
    QemuImg.Info info = img.info(disk);
    if (info.virtualSize().compareTo(size.bytes()) >= 0) {
      ctx.ui()
          .message(
              "The disk is already "
                  + DiskSize.mebibytes(info.virtualSize())
                  + " MiB, at least disk_size ("
                  + size.qemuSize()
                  + "): not resizing it");
      return;
    }
    ctx.ui().say("Resizing hard drive...");
    img.resize(info.format(), disk, size.qemuSize());
  }

  @Override
  public String name() {
    return "stepResizeDisk";
  }
}
