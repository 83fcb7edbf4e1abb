package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancellationToken;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StepConnect;
import java.io.IOException;
import java.time.Instant;

/**
 * The engine's {@link StepConnect} aimed at the VM: {@code ssh_host} or 127.0.0.1, on the forwarded
 * port (Packer's {@code commHost}/{@code commPort}: {@code ssh_port} is the guest's port, not the
 * one to connect to). Waiting for SSH ends at once when QEMU exits, and a failure shows the last
 * lines of the guest's serial console. The connection stays bound to a cancellation that also fires
 * when QEMU exits, so a command cannot wait forever on a dead VM.
 */
final class StepConnectVm implements Step {
  private static final int TAIL_LINES = 15;

  private final CommunicatorConfig comm;
  private final StepConnect connect;
  private CancellationToken watch;
  private AutoCloseable parentLink;

  StepConnectVm(CommunicatorConfig comm) {
    this.comm = comm;
    this.connect =
        new StepConnect(
            withoutSshPort(comm),
            state ->
                new ConnectTarget(
                    "127.0.0.1", state.find(QemuState.HOST_PORT).orElse(comm.ssh().port()), null));
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    VmProcess vm = state.require(QemuState.VM);
    watch = CancellationToken.root();
    CancellationToken token = watch;
    parentLink = ctx.cancellation().onCancel(() -> token.cancel(ctx.cancellation().reason()));
    vm.onExit().thenRun(() -> token.cancel("QEMU exited"));
    try {
      BuildContext watched = ctx.withCancellation(token);
      if (probesForwardedPort(comm) && state.find(QemuState.HOST_PORT).isPresent()) {
        int port = state.require(QemuState.HOST_PORT);
        ctx.ui().say("Waiting for the guest's SSH server on 127.0.0.1:" + port + "...");
        SshBanner.await(
            "127.0.0.1", port, Instant.now().plus(comm.ssh().timeout()), watched.cancellation());
      }
      connect.run(watched, state);
    } catch (CancelledException e) {
      ctx.cancellation().throwIfCancelled();
      if (!vm.isAlive()) {
        throw new IOException(exitedMessage(vm), e);
      }
      throw e;
    } catch (Exception e) {
      ctx.cancellation().throwIfCancelled();
      String serial = vm.serialTail(TAIL_LINES);
      String message =
          !vm.isAlive()
              ? exitedMessage(vm)
              : e.getMessage()
                  + (serial.isEmpty()
                      ? "\n(the guest wrote nothing to its serial console)"
                      : "\nLast lines of the guest's serial console:\n" + serial);
      throw new IOException(message, e);
    }
  }

  /** Only a direct SSH connection to the forwarded port goes through QEMU's slow retries. */
  private static boolean probesForwardedPort(CommunicatorConfig comm) {
    SshConfig ssh = comm.ssh();
    return "ssh".equals(comm.type())
        && ssh != null
        && ssh.sshHost() == null
        && ssh.sshBastionHost() == null
        && ssh.sshProxyHost() == null;
  }

  private static String exitedMessage(VmProcess vm) {
    String qemu = vm.qemuOutputTail(TAIL_LINES);
    String serial = vm.serialTail(TAIL_LINES);
    return "QEMU exited (status "
        + vm.exitValue()
        + ") before the guest could be reached over SSH"
        + (qemu.isEmpty() ? "" : "\nQEMU said:\n" + qemu)
        + (serial.isEmpty() ? "" : "\nLast lines of the guest's serial console:\n" + serial);
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    connect.cleanup(ctx, state);
    if (parentLink != null) {
      try {
        parentLink.close();
      } catch (Exception e) {
        // Unregistering a callback: nothing to undo.
      }
    }
    if (watch != null) {
      watch.close();
    }
  }

  @Override
  public String name() {
    return "StepConnect";
  }

  /** The communicator keys with ssh_port removed: it names the guest's port, not ours. */
  static CommunicatorConfig withoutSshPort(CommunicatorConfig comm) {
    SshConfig ssh = comm.ssh();
    if (ssh == null || ssh.sshPort() == null) {
      return comm;
    }
    return new CommunicatorConfig(
        comm.communicator(), comm.pauseBeforeConnecting(), ssh.withoutSshPort(), comm.winrm());
  }
}
