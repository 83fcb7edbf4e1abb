package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.IOException;
import java.nio.file.Files;

/** Makes the build's private directory ({@link QemuState#TEMP_DIR}); the cleanup removes it. */
final class StepTempDir implements Step {
  @Override
  public void run(BuildContext ctx, StateBag state) throws IOException {
    state.put(QemuState.TEMP_DIR, Files.createTempDirectory("imagebake-qemu"));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state.find(QemuState.TEMP_DIR).ifPresent(dir -> Trees.deleteOrReport(ctx, dir));
  }
}
