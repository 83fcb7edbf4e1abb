package dev.imagebake.builder.digitalocean;

import java.util.List;

/** The parts of the API v2's objects the builder reads (snake_case in JSON). */
final class DoModel {
  private DoModel() {}

  /** An SSH key of the account. */
  record Key(long id, String name, String fingerprint, String publicKey) {}

  /** A droplet; {@code status} is new, active, off or archive. */
  record Droplet(long id, String name, String status, boolean locked, Networks networks) {
    /** The first IPv4 address of {@code type} (public or private), or null. */
    String ipv4(String type) {
      if (networks == null || networks.v4() == null) {
        return null;
      }
      return networks.v4().stream()
          .filter(n -> type.equals(n.type()))
          .map(NetworkV4::ipAddress)
          .findFirst()
          .orElse(null);
    }

    boolean hasIpv4() {
      return networks != null && networks.v4() != null && !networks.v4().isEmpty();
    }
  }

  record Networks(List<NetworkV4> v4) {}

  record NetworkV4(String ipAddress, String type) {}

  /** An action on a droplet or an image; {@code status} is in-progress, completed or errored. */
  record Action(long id, String status, String type) {
    static final String COMPLETED = "completed";
    static final String IN_PROGRESS = "in-progress";
    static final String ERRORED = "errored";
  }

  /** An image (a snapshot of a droplet). */
  record Image(long id, String name, List<String> regions) {}

  record Region(String slug, boolean available) {}
}
