package dev.imagebake.sdk;

/**
 * A command line run by the remote login shell.
 *
 * @param command the shell text, passed as-is (no extra quoting)
 * @param stdin text fed to the command's standard input, or null for none
 */
public record RemoteCommand(String command, String stdin) {
  public static RemoteCommand of(String command) {
    return new RemoteCommand(command, null);
  }
}
