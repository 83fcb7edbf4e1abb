package dev.imagebake.provisioner.ansible;

/** Provisioning with Ansible failed; the message says where and why. */
final class AnsibleFailedException extends Exception {
  AnsibleFailedException(String message) {
    super(message);
  }

  AnsibleFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
