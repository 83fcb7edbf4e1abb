package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Packer's {@code stepRun}: chooses the accelerator, starts QEMU and waits until its QMP socket
 * answers (or QEMU exits, which fails the step with QEMU's own message). Uses the disk, CD, ports
 * and directories of the earlier steps; produces {@link QemuState#ACCELERATOR}, {@link
 * QemuState#VM}, {@link QemuState#QMP_SOCKET}. The cleanup stops QEMU (SIGTERM, then SIGKILL for it
 * and its children) if it still runs.
 */
final class StepRun implements Step {
  private static final Duration START_LIMIT = Duration.ofMinutes(1);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final QemuConfig config;
  private final String vmName;
  private final Accelerators accelerators;

  StepRun(QemuConfig config, String vmName, Accelerators accelerators) {
    this.config = config;
    this.vmName = vmName;
    this.accelerators = accelerators;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Path temp = state.require(QemuState.TEMP_DIR);
    Path output = state.require(QemuState.OUTPUT_DIR);
    String accel = accelerators.choose(config.accelerator(), config.binary(), temp, ctx.ui());
    state.put(QemuState.ACCELERATOR, accel);
    Path iso = config.diskImageOrFalse() ? null : state.require(QemuState.SOURCE);
    Path qmp = temp.resolve("qmp.sock");
    Path userQmp = null;
    if (Boolean.TRUE.equals(config.qmpEnable())) {
      userQmp =
          config.qmpSocketPath() == null || config.qmpSocketPath().isEmpty()
              ? output.resolve(vmName + ".monitor")
              : ctx.workingDirectory().resolve(config.qmpSocketPath());
    }
    CommandLine.Inputs inputs =
        new CommandLine.Inputs(
            vmName,
            state.require(QemuState.DISK),
            iso,
            state.find(QemuState.CD).orElse(null),
            accel,
            Boolean.TRUE.equals(config.skipNatMapping())
                ? 0
                : state.find(QemuState.HOST_PORT).orElse(0),
            config.comm().ssh().port(),
            qmp,
            temp.resolve("serial.log"),
            userQmp);
    Map<String, Object> fields = TemplateFields.of(state, vmName, config.http().httpDirectory());
    Map<String, String> buildData = state.find(StateKeys.BUILD_DATA).orElse(Map.of());
    List<String> command =
        CommandLine.build(config, inputs, raw -> ctx.renderer().render(raw, buildData, fields));
    ctx.ui()
        .say(iso != null ? "Starting VM, booting from CD-ROM" : "Starting VM, booting disk image");
    ctx.ui().message("QEMU command: " + String.join(" ", command));
    VmProcess vm;
    try {
      vm = VmProcess.start(command, temp.resolve("qemu.log"), temp.resolve("serial.log"));
    } catch (IOException e) {
      throw new IOException("Error launching VM: " + e.getMessage(), e);
    }
    state.put(QemuState.VM, vm);
    state.put(QemuState.QMP_SOCKET, qmp);
    awaitQmp(ctx, vm, qmp);
  }

  /** Waits until QEMU's QMP socket accepts a connection: QEMU parsed its arguments and runs. */
  private static void awaitQmp(BuildContext ctx, VmProcess vm, Path qmp) throws Exception {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (true) {
      ctx.cancellation().throwIfCancelled();
      if (!vm.isAlive()) {
        throw new IOException(failedToStart(vm));
      }
      try (Qmp client = Qmp.connect(qmp)) {
        client.execute("query-status", null);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() - deadline > 0) {
          throw new IOException("QEMU's QMP socket did not answer within 1 minute", notYet);
        }
      }
      // Wakes at once when QEMU exits; otherwise retry the socket shortly.
      vm.awaitExit(Duration.ofMillis(20));
    }
  }

  static String failedToStart(VmProcess vm) {
    String output = vm.qemuOutputTail(20);
    return "Error launching VM: Qemu failed to start (exit status "
        + vm.exitValue()
        + ")"
        + (output.isEmpty() ? "" : ":\n" + output);
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state
        .find(QemuState.VM)
        .ifPresent(
            vm -> {
              if (vm.isAlive() && !vm.stop(STOP_GRACE)) {
                ctx.ui()
                    .error("QEMU (process " + vm.pid() + ") could not be stopped: kill it by hand");
              }
            });
  }

  @Override
  public String name() {
    return "stepRun";
  }
}
