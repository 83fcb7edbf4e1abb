package dev.imagebake.communicator.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to log in: tried in Packer's order, keys first (in list order), then the password as password
 * and keyboard-interactive authentication.
 *
 * @param user the remote user
 * @param keys private keys, in the order they are offered
 * @param password a password, or null
 * @param agentSocket the SSH agent whose keys to offer ({@code SSH_AUTH_SOCK}), or null
 * @param askOnTerminal answer keyboard-interactive prompts by asking the user
 */
record Credentials(
    String user, List<KeySource> keys, String password, Path agentSocket, boolean askOnTerminal) {
  Credentials {
    keys = List.copyOf(keys);
  }

  Credentials(String user, List<KeySource> keys, String password, Path agentSocket) {
    this(user, keys, password, agentSocket, false);
  }

  /** E.g. {@code user root with key /home/me/.ssh/id_ed25519 or password}; no secrets. */
  String describe() {
    List<String> ways = new ArrayList<>();
    if (agentSocket != null) {
      ways.add("the SSH agent's keys");
    }
    for (KeySource key : keys) {
      ways.add(key.describe());
    }
    if (password != null) {
      ways.add("password");
    }
    if (askOnTerminal) {
      ways.add("answers typed at the terminal");
    }
    return "user "
        + user
        + (ways.isEmpty() ? " without credentials" : " with " + String.join(" or ", ways));
  }

  @Override
  public String toString() {
    return "Credentials[" + describe() + "]";
  }
}
