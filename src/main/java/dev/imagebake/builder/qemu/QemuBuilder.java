package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import dev.imagebake.sdk.steps.StepProvision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The qemu builder: Packer's step sequence (reference §5.4). */
final class QemuBuilder implements Builder {
  private final QemuConfig config;
  private final Accelerators accelerators;

  QemuBuilder(QemuConfig config, Accelerators accelerators) {
    this.config = config;
    this.accelerators = accelerators;
  }

  String vmName(BuildContext ctx) {
    return config.vmName() == null || config.vmName().isEmpty()
        ? "packer-" + ctx.buildName()
        : config.vmName();
  }

  /** The steps, in Packer's order. */
  List<Step> steps(BuildContext ctx, ProvisionHook hook) {
    String vmName = vmName(ctx);
    Map<String, String> env = ctx.environment();
    return List.of(
        new StepTempDir(),
        new StepDownload(config.iso(), env),
        new StepOutputDir(config.outputDirectory()),
        new StepCreateCd(config.media()),
        new StepDisk(config, vmName),
        new StepResizeDisk(config),
        new StepHttpServer(config.http()),
        new StepPortForward(config),
        new StepRun(config, vmName, accelerators),
        new StepTypeBootCommand(config.boot(), vmName, config.http().httpDirectory(), env),
        new StepConnectVm(config.comm()),
        new StepProvision(hook),
        new StepShutdown(config),
        new StepConvertDisk(config),
        new StepSucceeded());
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    StateBag state = new StateBag();
    ctx.runSteps(steps(ctx, hook), state);
    Path dir = state.require(QemuState.OUTPUT_DIR);
    Path disk = state.require(QemuState.DISK);
    String size =
        DiskSize.mebibytes(
            new QemuImg("qemu-img", config.imgArgs(), ctx.cancellation()).info(disk).virtualSize());
    return new QemuArtifact(
        dir,
        Trees.files(dir),
        QemuArtifact.diskState(
            disk.getFileName().toString(),
            config.formatOrDefault(),
            size,
            state.require(QemuState.ACCELERATOR)),
        state.find(StateKeys.BUILD_DATA).orElse(Map.of()));
  }
}
