package dev.imagebake.sdk;

import java.io.IOException;

/**
 * {@link Communicator#uploadAndRun} could not write the file, so it ran nothing. The message is the
 * reason as the machine or the transfer reported it.
 */
public final class UploadFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  public UploadFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  public UploadFailedException(String message) {
    super(message);
  }
}
