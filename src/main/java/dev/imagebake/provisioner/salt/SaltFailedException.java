package dev.imagebake.provisioner.salt;

/** A step of the provisioner failed; the message says which and why, for the user. */
final class SaltFailedException extends Exception {
  SaltFailedException(String message) {
    super(message);
  }
}
