package dev.imagebake.builder.digitalocean;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The parts of the API v2's objects the builder reads (snake_case in JSON), each read from its JSON
 * tree by hand, as a lenient mapper would: unknown keys are ignored, a missing or null value is 0,
 * false or null, and a number given as a string is read as the number.
 */
final class DoModel {
  private DoModel() {}

  /** An SSH key of the account. */
  record Key(long id, String name, String fingerprint, String publicKey) {
    static Key of(JsonNode n) {
      return new Key(
          number(n.path("id")),
          text(n.path("name")),
          text(n.path("fingerprint")),
          text(n.path("public_key")));
    }
  }

  /** A droplet; {@code status} is new, active, off or archive. */
  record Droplet(long id, String name, String status, boolean locked, Networks networks) {
    static Droplet of(JsonNode n) {
      JsonNode networks = n.path("networks");
      return new Droplet(
          number(n.path("id")),
          text(n.path("name")),
          text(n.path("status")),
          flag(n.path("locked")),
          networks.isObject() ? Networks.of(networks) : null);
    }

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

  record Networks(List<NetworkV4> v4) {
    static Networks of(JsonNode n) {
      JsonNode v4 = n.path("v4");
      if (!v4.isArray()) {
        return new Networks(null);
      }
      List<NetworkV4> all = new ArrayList<>();
      for (JsonNode item : v4) {
        all.add(new NetworkV4(text(item.path("ip_address")), text(item.path("type"))));
      }
      return new Networks(all);
    }
  }

  record NetworkV4(String ipAddress, String type) {}

  /** An action on a droplet or an image; {@code status} is in-progress, completed or errored. */
  record Action(long id, String status, String type) {
    static final String COMPLETED = "completed";
    static final String IN_PROGRESS = "in-progress";
    static final String ERRORED = "errored";

    static Action of(JsonNode n) {
      return new Action(number(n.path("id")), text(n.path("status")), text(n.path("type")));
    }
  }

  /** An image (a snapshot of a droplet). */
  record Image(long id, String name, List<String> regions) {
    static Image of(JsonNode n) {
      JsonNode regions = n.path("regions");
      List<String> slugs = null;
      if (regions.isArray()) {
        slugs = new ArrayList<>();
        for (JsonNode r : regions) {
          slugs.add(text(r));
        }
      }
      return new Image(number(n.path("id")), text(n.path("name")), slugs);
    }
  }

  record Region(String slug, boolean available) {
    static Region of(JsonNode n) {
      return new Region(text(n.path("slug")), flag(n.path("available")));
    }
  }

  private static long number(JsonNode n) {
    if (n.isNumber()) {
      return n.longValue();
    }
    if (n.isString()) {
      try {
        return Long.parseLong(n.stringValue().strip());
      } catch (NumberFormatException e) {
        throw new DoApiException(
            "the answer has a malformed id: " + n.stringValue(), 200, false, null);
      }
    }
    return 0;
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asString() : null;
  }

  private static boolean flag(JsonNode n) {
    return n.isBoolean() ? n.booleanValue() : n.isString() && "true".equals(n.stringValue());
  }
}
