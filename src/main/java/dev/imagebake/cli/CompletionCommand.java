package dev.imagebake.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imagebake completion bash|zsh}: prints a completion script. zsh loads the bash script
 * through {@code bashcompinit}, which picocli's script enables by itself.
 */
@Command(
    name = "completion",
    description = {
      "Print a shell completion script.",
      "bash: source <(imagebake completion bash)",
      "zsh:  autoload -U +X bashcompinit && bashcompinit; source <(imagebake completion zsh)"
    })
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  private final Cli cli;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  Shell shell;

  CompletionCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine().getParent();
    cli.out().print(AutoComplete.bash("imagebake", root));
    return ExitCodes.OK;
  }
}
