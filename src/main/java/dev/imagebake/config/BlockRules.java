package dev.imagebake.config;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cross-field rules of a bound block: the plugin's own and, for a builder whose block carries
 * the communicator keys ({@link UsesCommunicator}), those of the communicator its {@code
 * communicator} key selects.
 *
 * @param workingDir what relative paths resolve against
 * @param home what {@code ~} stands for
 * @param environment the environment the build will run with
 * @param communicators the communicator plugins, by type
 */
record BlockRules(
    Path workingDir,
    Path home,
    Map<String, String> environment,
    Function<String, Optional<CommunicatorFactory>> communicators) {

  /** A check that reports problems against {@code block}'s keys. */
  BlockCheck checkOf(ObjectNode block, ValueRenderer renderer) {
    return new BlockCheck(block, workingDir, home, environment, renderer);
  }

  /** Runs the communicator's rules first (Packer prepares the communicator config first). */
  <C extends Record> void run(PluginFactory<C> factory, C config, ConfigCheck check) {
    if (config instanceof UsesCommunicator block && block.comm() != null) {
      CommunicatorConfig comm = block.comm();
      Optional<CommunicatorFactory> communicator = communicators.apply(comm.type());
      if (communicator.isPresent()) {
        communicator.get().check(comm, check);
      } else if (comm.type().equals("winrm")) {
        check.error("communicator", "the winrm communicator is not supported by imagebake yet");
      } else {
        check.error("communicator", "Communicator type " + comm.type() + " is invalid");
      }
    }
    factory.check(config, check);
  }
}
