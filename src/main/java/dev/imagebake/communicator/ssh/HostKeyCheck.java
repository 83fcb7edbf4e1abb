package dev.imagebake.communicator.ssh;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Applies a {@link HostKeyPolicy} to one connection attempt and remembers what the server offered,
 * so that a refusal can be reported with both fingerprints.
 *
 * <p>Whatever the policy, the first key a hop shows in a build is pinned for every later connection
 * to it ({@code firstKey}, shared by all attempts of one {@link SshDialer}): a reconnect after a
 * reboot, the second connection of {@code pause_before_connecting}, the clean-up after an expected
 * disconnect. A different key then means another machine answers at the address, and the build must
 * not send it commands, files or secrets.
 */
final class HostKeyCheck implements HostKeyVerifier {
  private final HostKeyPolicy policy;
  private final String address;
  private final AtomicReference<String> firstKey;
  private volatile String seenFingerprint;
  private volatile String refusal;

  /**
   * @param firstKey the fingerprint the first connection of the build saw, or null before it; set
   *     by the first key this check accepts
   */
  HostKeyCheck(HostKeyPolicy policy, String address, AtomicReference<String> firstKey) {
    this.policy = policy;
    this.address = address;
    this.firstKey = firstKey;
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    String seen = HostKeys.fingerprint(key);
    seenFingerprint = seen;
    if (!verifyPolicy(hostname, port, key, seen)) {
      return false;
    }
    String first = firstKey.compareAndExchange(null, seen);
    if (first == null || first.equals(seen)) {
      return true;
    }
    refusal =
        "host key mismatch for "
            + address
            + ": expected "
            + first
            + " (the key it showed first in this build), the server offered "
            + seen;
    return false;
  }

  private boolean verifyPolicy(String hostname, int port, PublicKey key, String seen) {
    if (policy instanceof HostKeyPolicy.Pinned pinned) {
      if (pinned.fingerprint().equals(seen)) {
        return true;
      }
      refusal =
          "host key mismatch for "
              + address
              + ": expected "
              + pinned.fingerprint()
              + " (ssh_host_key), the server offered "
              + seen;
      return false;
    }
    if (policy instanceof HostKeyPolicy.KnownHosts known) {
      return verifyKnown(known, hostname, port, key, seen);
    }
    return true;
  }

  private boolean verifyKnown(
      HostKeyPolicy.KnownHosts known, String hostname, int port, PublicKey key, String seen) {
    OpenSSHKnownHosts file;
    try {
      file = new OpenSSHKnownHosts(known.file().toFile());
    } catch (IOException e) {
      refusal = "cannot read ssh_known_hosts_file " + known.file() + ": " + e.getMessage();
      return false;
    }
    if (file.verify(hostname, port, key)) {
      return true;
    }
    List<String> expected = expectedFingerprints(file, hostname, port);
    refusal =
        expected.isEmpty()
            ? "host key for "
                + address
                + " is not listed in ssh_known_hosts_file "
                + known.file()
                + "; the server offered "
                + seen
            : "host key mismatch for "
                + address
                + ": expected "
                + String.join(" or ", expected)
                + " (ssh_known_hosts_file "
                + known.file()
                + "), the server offered "
                + seen;
    return false;
  }

  private static List<String> expectedFingerprints(
      OpenSSHKnownHosts file, String hostname, int port) {
    String lookup = port == 22 ? hostname : "[" + hostname + "]:" + port;
    List<String> result = new ArrayList<>();
    for (OpenSSHKnownHosts.KnownHostEntry entry : file.entries()) {
      try {
        if (!entry.appliesTo(lookup)) {
          continue;
        }
      } catch (IOException e) {
        continue;
      }
      String[] tokens = entry.getLine().trim().split("\\s+");
      for (int i = 0; i + 1 < tokens.length; i++) {
        Optional<byte[]> blob = HostKeys.keyBlob(tokens[i], tokens[i + 1]);
        if (blob.isPresent()) {
          result.add(HostKeys.fingerprint(blob.get()));
          break;
        }
      }
    }
    return result;
  }

  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    if (policy instanceof HostKeyPolicy.Pinned pinned && pinned.keyType() != null) {
      return List.of(pinned.keyType());
    }
    if (policy instanceof HostKeyPolicy.KnownHosts known) {
      try {
        return new OpenSSHKnownHosts(known.file().toFile()).findExistingAlgorithms(hostname, port);
      } catch (IOException e) {
        return List.of();
      }
    }
    return List.of();
  }

  /** The fingerprint the server offered, once the key exchange got that far. */
  Optional<String> seenFingerprint() {
    return Optional.ofNullable(seenFingerprint);
  }

  /** Why the key was refused, if it was. */
  Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }
}
