package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;

/**
 * Packer's {@code stepPortForward}: picks a free host port on 127.0.0.1 in {@code
 * host_port_min..max} for QEMU to forward to the guest's SSH port; with {@code skip_nat_mapping}
 * the guest's port is used as is. Nothing for {@code communicator: none}. Produces {@link
 * QemuState#HOST_PORT}.
 */
final class StepPortForward implements Step {
  private final QemuConfig config;

  StepPortForward(QemuConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (config.comm().type().equals("none")) {
      return;
    }
    if (Boolean.TRUE.equals(config.skipNatMapping())) {
      state.put(QemuState.HOST_PORT, config.comm().ssh().port());
      return;
    }
    int min = config.hostPortLow();
    int max = config.hostPortHigh();
    ctx.ui()
        .say(
            "Looking for available communicator (SSH, WinRM, etc) port between "
                + min
                + " and "
                + max);
    int port = Ports.freeTcpPort("127.0.0.1", min, max);
    ctx.ui().message("Found port for communicator (SSH, WinRM, etc): " + port + ".");
    state.put(QemuState.HOST_PORT, port);
  }

  @Override
  public String name() {
    return "stepPortForward";
  }
}
