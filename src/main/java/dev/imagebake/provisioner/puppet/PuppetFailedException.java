package dev.imagebake.provisioner.puppet;

/** A step of the provisioner failed; the message says which and why, for the user. */
final class PuppetFailedException extends Exception {
  PuppetFailedException(String message) {
    super(message);
  }

  PuppetFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
