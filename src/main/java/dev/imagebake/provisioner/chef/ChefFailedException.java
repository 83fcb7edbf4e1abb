package dev.imagebake.provisioner.chef;

/** A step of the provisioner failed; the message says which and why, for the user. */
final class ChefFailedException extends Exception {
  ChefFailedException(String message) {
    super(message);
  }

  ChefFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
