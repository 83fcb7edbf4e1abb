package dev.imagebake.provisioner.sleep;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.Provisioner;
import java.util.Map;

/**
 * Packer's {@code sleep}: waits for {@code duration}, or until the build is cancelled (Ctrl-C, a
 * provisioner {@code timeout}), whichever comes first. Like Packer it prints nothing and never
 * touches the communicator, so it also runs with {@code communicator: none}.
 */
final class SleepProvisioner implements Provisioner {
  private final SleepConfig config;

  SleepProvisioner(SleepConfig config) {
    this.config = config;
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData) {
    // Cancellation.sleep returns early with CancelledException when the build is interrupted.
    ctx.cancellation().sleep(config.waitFor());
  }
}
