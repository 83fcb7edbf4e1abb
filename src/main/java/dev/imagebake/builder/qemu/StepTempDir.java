package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes the build's private directory ({@link QemuState#TEMP_DIR}); the cleanup removes it. */
final class StepTempDir implements Step {
  @Override
  public void run(BuildContext ctx, StateBag state) throws IOException {
    Path dir = Files.createTempDirectory("imagebake-qemu");
    ctx.resources().created(QemuResources.directory(dir));
    state.put(QemuState.TEMP_DIR, dir);
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state.find(QemuState.TEMP_DIR).ifPresent(dir -> Trees.deleteOrReport(ctx, dir));
  }
}
