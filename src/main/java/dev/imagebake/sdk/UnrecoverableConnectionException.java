package dev.imagebake.sdk;

import java.io.IOException;

/**
 * A {@link Communicator} lost its connection and cannot make a new one, and trying again cannot
 * help: the machine now shows another host key than earlier in the build (another machine answers
 * at the address), or the connection's configuration cannot work. Callers that retry failed
 * commands or transfers until a start timeout (a machine rebooting) must fail at once on this one.
 */
public final class UnrecoverableConnectionException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnrecoverableConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
