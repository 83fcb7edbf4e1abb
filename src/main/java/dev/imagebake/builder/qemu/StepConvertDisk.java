package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Packer's {@code stepConvertDisk}: rewrites a qcow2 disk (compaction) and compresses it with
 * {@code disk_compression}, through {@code <disk>.convert}, then replaces the disk. Skipped for raw
 * disks, overlays and {@code skip_compaction} without compression. Uses {@link QemuState#DISK}.
 */
final class StepConvertDisk implements Step {
  private final QemuConfig config;

  StepConvertDisk(QemuConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (!config.convertAfterBuild()) {
      return;
    }
    Path disk = state.require(QemuState.DISK);
    Path converted = converted(disk);
    List<String> options = new ArrayList<>();
    if (Boolean.TRUE.equals(config.diskCompression())) {
      options.add("-c");
    }
    options.addAll(List.of("-O", config.formatOrDefault()));
    ctx.ui().say("Converting hard drive...");
    new QemuImg("qemu-img", config.imgArgs(), ctx.cancellation()).convert(options, disk, converted);
    Files.move(converted, disk, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path converted(Path disk) {
    return disk.resolveSibling(disk.getFileName() + ".convert");
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state
        .find(QemuState.DISK)
        .ifPresent(
            disk -> {
              try {
                Files.deleteIfExists(converted(disk));
              } catch (IOException e) {
                ctx.ui().error("Error removing " + converted(disk) + ": " + e.getMessage());
              }
            });
  }

  @Override
  public String name() {
    return "stepConvertDisk";
  }
}
