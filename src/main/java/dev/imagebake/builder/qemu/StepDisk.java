package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Makes the disk in the output directory, as Packer's {@code stepCreateDisk} and {@code
 * stepCopyDisk} do: an empty disk of {@code disk_size}; or with {@code disk_image} a copy of the
 * source (a plain copy when the formats match, else {@code qemu-img convert}); or with {@code
 * use_backing_file} a qcow2 overlay on the source. Uses {@link QemuState#SOURCE}, {@link
 * QemuState#OUTPUT_DIR}; produces {@link QemuState#DISK} (removed with the output directory).
 */
final class StepDisk implements Step {
  private final QemuConfig config;
  private final String vmName;

  StepDisk(QemuConfig config, String vmName) {
    this.config = config;
    this.vmName = vmName;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Path disk = state.require(QemuState.OUTPUT_DIR).resolve(vmName);
    String format = config.formatOrDefault();
    QemuImg img = new QemuImg("qemu-img", config.imgArgs(), ctx.cancellation());
    state.put(QemuState.DISK, disk);
    if (!config.diskImageOrFalse()) {
      ctx.ui().say("Creating required virtual machine disks");
      img.create(
          List.of("-f", format), disk, DiskSize.parse(config.diskSizeOrDefault()).qemuSize());
      return;
    }
    Path source = state.require(QemuState.SOURCE).toAbsolutePath();
    QemuImg.Info info = img.info(source);
    if (config.backingFile()) {
      ctx.ui().say("Creating a disk backed by " + source);
      img.create(List.of("-f", "qcow2", "-b", source.toString(), "-F", info.format()), disk, null);
      return;
    }
    ctx.ui().say("Copying hard drive...");
    if (info.format().equals(format)) {
      ctx.ui()
          .message(
              "File extension already matches desired output format. Skipping qemu-img convert"
                  + " step");
      Files.copy(source, disk, StandardCopyOption.REPLACE_EXISTING);
    } else {
      img.convert(List.of("-O", format), source, disk);
    }
  }

  @Override
  public String name() {
    return config.diskImageOrFalse() && !config.backingFile() ? "stepCopyDisk" : "stepCreateDisk";
  }
}
