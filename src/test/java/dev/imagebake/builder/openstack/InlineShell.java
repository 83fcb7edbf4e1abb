package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.RemoteCommand;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the shell provisioner's {@code inline}: runs each command over the communicator.
 */
record InlineShell(List<String> inline) implements Provisioner {
  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    ctx.ui().say("Provisioning with shell script: inline");
    for (String command : inline) {
      CommandResult result = comm.run(RemoteCommand.of(command), OutputSink.of(ctx.ui()));
      if (result.exitStatus() != 0) {
        throw new IllegalStateException(
            "Script exited with non-zero exit status: " + result.exitStatus());
      }
    }
  }
}
