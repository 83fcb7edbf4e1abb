package dev.imagebake.communicator.ssh;

import java.io.IOException;

/** Why one connection attempt failed, classified so the wait loop knows whether to retry. */
final class ConnectFailure extends IOException {
  /** What went wrong; decides whether waiting longer can help. */
  enum Kind {
    /** Nothing listens yet, or the network is not there yet: retry until ssh_timeout. */
    UNREACHABLE,
    /** The SSH handshake broke off (sshd starting, connection reset): retry until ssh_timeout. */
    HANDSHAKE,
    /** The server rejected the credentials: retry at most ssh_handshake_attempts times. */
    AUTHENTICATION,
    /** The host key is not the expected one: give up at once. */
    HOST_KEY,
    /** The configuration cannot work (unknown algorithm, unreadable key): give up at once. */
    CONFIGURATION;

    boolean retryUntilTimeout() {
      return this == UNREACHABLE || this == HANDSHAKE;
    }
  }

  private final Kind kind;

  ConnectFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  ConnectFailure(Kind kind, String message) {
    this(kind, message, null);
  }

  Kind kind() {
    return kind;
  }
}
