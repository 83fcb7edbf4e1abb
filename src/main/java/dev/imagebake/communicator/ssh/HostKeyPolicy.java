package dev.imagebake.communicator.ssh;

import java.nio.file.Path;

/** Which host keys a connection accepts. */
sealed interface HostKeyPolicy {
  /** Packer's behaviour: any key (its fingerprint is printed so that it can be pinned). */
  record AcceptAny() implements HostKeyPolicy {}

  /**
   * {@code ssh_host_key}: exactly this key.
   *
   * @param fingerprint the expected {@code SHA256:...} fingerprint
   * @param keyType the key's algorithm when given as a public key line, else null
   */
  record Pinned(String fingerprint, String keyType) implements HostKeyPolicy {}

  /** {@code ssh_known_hosts_file}: a key listed for the host in this file. */
  record KnownHosts(Path file) implements HostKeyPolicy {}
}
