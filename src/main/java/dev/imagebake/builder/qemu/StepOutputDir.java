package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packer's {@code StepOutputDir}: refuses an existing output directory unless {@code -force} (then
 * deletes it), and creates it. Produces {@link QemuState#OUTPUT_DIR}; the cleanup deletes the
 * directory unless the build succeeded.
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
    if (Files.exists(dir)) {
      if (!ctx.force()) {
        throw new IOException(
            "Output directory '" + shown(ctx, dir) + "' already exists. It must not exist.");
      }
      ctx.ui().say("Deleting previous output directory...");
      Trees.delete(dir);
    }
    state.put(QemuState.OUTPUT_DIR, dir);
    ctx.resources().created(QemuResources.directory(dir));
    Files.createDirectories(dir);
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

  static String shown(BuildContext ctx, Path dir) {
    Path wd = ctx.workingDirectory();
    return dir.startsWith(wd) && !dir.equals(wd) ? wd.relativize(dir).toString() : dir.toString();
  }

  @Override
  public String name() {
    return "StepOutputDir";
  }
}
