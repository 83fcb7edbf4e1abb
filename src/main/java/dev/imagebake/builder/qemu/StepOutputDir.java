package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.OutputDirectory;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Packer's {@code StepOutputDir}: refuses an existing output directory unless {@code -force} (then
 * deletes it if it is an earlier output of imagebake, see {@link OutputDirectory}), and creates it.
 * Produces {@link QemuState#OUTPUT_DIR}; the cleanup deletes the directory unless the build
 * succeeded.
 */
final class StepOutputDir implements Step {
  private final String configured;

  StepOutputDir(String configured) {
    this.configured = configured;
  }

  static Path resolve(BuildContext ctx, String configured) {
    String name =
        configured == null || configured.isEmpty() ? "output-" + ctx.buildName() : configured;
    return ctx.workingDirectory().resolve(name).normalize();
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws IOException {
    Path dir = resolve(ctx, configured);
    // Refuses an existing directory, or with -force replaces an earlier (marked) output only.
    OutputDirectory.prepare(ctx, dir);
    state.put(QemuState.OUTPUT_DIR, dir);
    ctx.resources().created(QemuResources.directory(dir));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    if (state.find(QemuState.SUCCEEDED).orElse(false)) {
      // The directory holds the artifact now: no longer the build's to delete.
      state
          .find(QemuState.OUTPUT_DIR)
          .ifPresent(d -> ctx.resources().deleted(QemuResources.directory(d)));
      return;
    }
    state
        .find(QemuState.OUTPUT_DIR)
        .ifPresent(
            dir -> {
              ctx.ui().say("Deleting output directory...");
              Trees.deleteOrReport(ctx, dir);
            });
  }

  @Override
  public String name() {
    return "StepOutputDir";
  }
}
