package dev.imagebake.sdk;

/**
 * How a remote command ended.
 *
 * @param exitStatus the exit status, or {@link #DISCONNECTED} when the session ended without one
 */
public record CommandResult(int exitStatus) {
  /** Packer's {@code CmdDisconnect}: the session closed without an exit status. */
  public static final int DISCONNECTED = 2300218;

  public static CommandResult disconnected() {
    return new CommandResult(DISCONNECTED);
  }

  public boolean isDisconnected() {
    return exitStatus == DISCONNECTED;
  }
}
