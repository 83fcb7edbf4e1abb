package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.Ui;
import java.util.List;
import net.schmizz.sshj.userauth.method.ChallengeResponseProvider;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Answers keyboard-interactive prompts (e.g. a one-time code) by asking the person at the terminal
 * ({@code ssh_bastion_interactive}). Without a terminal the answers are empty and the server
 * rejects them.
 */
final class TerminalPrompts implements ChallengeResponseProvider {
  private final Ui ui;
  private final String address;

  TerminalPrompts(Ui ui, String address) {
    this.ui = ui;
    this.address = address;
  }

  @Override
  public List<String> getSubmethods() {
    return List.of();
  }

  @Override
  public void init(Resource resource, String name, String instruction) {
    if (instruction != null && !instruction.isBlank()) {
      ui.say(address + ": " + instruction.strip());
    }
  }

  @Override
  public char[] getResponse(String prompt, boolean echo) {
    return ui.ask(address + ": " + prompt.strip()).orElse("").toCharArray();
  }

  @Override
  public boolean shouldRetry() {
    return false;
  }
}
