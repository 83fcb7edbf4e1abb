package dev.imagebake.communicator.ssh;

import java.nio.file.Path;

/** Where a private key for public-key authentication comes from. */
sealed interface KeySource {
  /**
   * How the key is named in errors, e.g. {@code key /home/me/.ssh/id_ed25519} or {@code the
   * builder's temporary key}; never the key itself.
   */
  String describe();

  /** A private key file, with an optional OpenSSH certificate. */
  record File(Path path, Path certificate) implements KeySource {
    @Override
    public String describe() {
      return "key " + path;
    }
  }

  /** Key text a builder generated (temporary key pair). */
  record Pem(String label, String pem) implements KeySource {
    @Override
    public String describe() {
      return label;
    }

    @Override
    public String toString() {
      return "Pem[" + label + "]";
    }
  }
}
