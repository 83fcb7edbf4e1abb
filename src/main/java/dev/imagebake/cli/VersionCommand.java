package dev.imagebake.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code imagebake version}: Packer's {@code version} command. */
@Command(name = "version", description = "Print the imagebake version.")
final class VersionCommand implements Callable<Integer> {
  private final Cli cli;

  VersionCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (cli.machineReadable()) {
      long now = System.currentTimeMillis() / 1000;
      cli.out().println(now + ",,version," + VersionProvider.version());
      cli.out().println(now + ",,ui,say,imagebake v" + VersionProvider.version());
    } else {
      cli.out().println("imagebake v" + VersionProvider.version());
    }
    return ExitCodes.OK;
  }
}
