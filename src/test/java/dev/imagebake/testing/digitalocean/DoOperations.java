package dev.imagebake.testing.digitalocean;

import dev.imagebake.testing.digitalocean.DoWorld.Action;
import dev.imagebake.testing.digitalocean.DoWorld.Droplet;
import dev.imagebake.testing.digitalocean.DoWorld.Image;
import dev.imagebake.testing.digitalocean.DoWorld.Key;
import dev.imagebake.testing.digitalocean.FakeDigitalOcean.ApiError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The operations of the fake API on its world; answers are maps serialised as JSON. */
final class DoOperations {
  private DoOperations() {}

  static Object run(DoWorld w, DoRequest r, List<Long> ids) {
    JsonNode b = r.body();
    return switch (r.op()) {
      case "listRegions" ->
          page(
              r,
              "regions",
              w.regions.stream()
                  .map(s -> (Object) map("slug", s, "name", s, "available", true))
                  .toList());
      case "createKey" -> Map.of("ssh_key", key(createKey(w, b)));
      case "listKeys" ->
          page(r, "ssh_keys", w.keys.values().stream().map(k -> (Object) key(k)).toList());
      case "deleteKey" -> {
        if (w.keys.remove(ids.get(0)) == null) {
          throw notFound();
        }
        yield null;
      }
      case "createDroplet" -> Map.of("droplet", droplet(w, createDroplet(w, b)));
      case "listDroplets" -> {
        String name = query(r).get("name");
        yield page(
            r,
            "droplets",
            w.droplets.values().stream()
                .filter(d -> name == null || name.equals(d.name))
                .map(d -> (Object) droplet(w, d))
                .toList());
      }
      case "getDroplet" -> {
        Droplet d = droplet(w, ids.get(0));
        w.touchDroplet(d);
        yield Map.of("droplet", droplet(w, d));
      }
      case "deleteDroplet" -> {
        w.deleteDroplet(droplet(w, ids.get(0)));
        yield null;
      }
      case "listDropletActions" -> {
        Droplet d = droplet(w, ids.get(0));
        yield page(
            r,
            "actions",
            w.actions.values().stream()
                .filter(a -> a.resourceType.equals("droplet") && a.resourceId == d.id)
                .map(a -> (Object) action(a))
                .toList());
      }
      case "getDropletAction" -> {
        droplet(w, ids.get(0));
        Action a = w.actions.get(ids.get(1));
        if (a == null || a.resourceId != ids.get(0)) {
          throw notFound();
        }
        w.touchAction(a);
        yield Map.of("action", action(a));
      }
      case "dropletSnapshots" -> {
        Droplet d = droplet(w, ids.get(0));
        yield page(
            r, "snapshots", w.snapshotsOf(d.id).stream().map(i -> (Object) image(i)).toList());
      }
      case "getImageAction" -> {
        Action a = w.actions.get(ids.get(1));
        if (a == null || a.resourceId != ids.get(0) || !a.resourceType.equals("image")) {
          throw notFound();
        }
        w.touchAction(a);
        yield Map.of("action", action(a));
      }
      case "getImage" -> Map.of("image", image(image(w, ids.get(0))));
      case "deleteImage" -> {
        w.deleteImage(image(w, ids.get(0)));
        yield null;
      }
      default -> {
        if (r.op().startsWith("dropletAction.")) {
          yield Map.of("action", action(dropletAction(w, droplet(w, ids.get(0)), b)));
        }
        if (r.op().startsWith("imageAction.")) {
          yield Map.of("action", action(imageAction(w, image(w, ids.get(0)), b)));
        }
        throw new ApiError(404, "not_found", "The resource you were accessing could not be found.");
      }
    };
  }

  private static Key createKey(DoWorld w, JsonNode b) {
    String name = b.path("name").asString("");
    String publicKey = b.path("public_key").asString("");
    String[] parts = publicKey.trim().split("\\s+");
    if (name.isEmpty() || parts.length < 2 || !parts[0].startsWith("ssh-")) {
      throw unprocessable("Key invalid, key should be of the format `type key [comment]`");
    }
    String fingerprint;
    try {
      byte[] blob = Base64.getDecoder().decode(parts[1]);
      byte[] md5 = MessageDigest.getInstance("MD5").digest(blob);
      StringBuilder s = new StringBuilder();
      for (byte x : md5) {
        s.append(s.isEmpty() ? "" : ":").append(String.format("%02x", x));
      }
      fingerprint = s.toString();
    } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
      throw unprocessable("Key invalid, key should be of the format `type key [comment]`");
    }
    for (Key k : w.keys.values()) {
      if (k.fingerprint.equals(fingerprint)) {
        throw unprocessable("SSH Key is already in use on your account");
      }
    }
    Key k = new Key(w.next(), name, publicKey.trim(), fingerprint);
    w.keys.put(k.id, k);
    return k;
  }

  private static Droplet createDroplet(DoWorld w, JsonNode b) {
    String name = b.path("name").asString("");
    String region = b.path("region").asString("");
    String size = b.path("size").asString("");
    JsonNode imageNode = b.path("image");
    if (name.isEmpty()) {
      throw unprocessable("Name is required");
    }
    if (!w.regions.contains(region)) {
      throw unprocessable("You specified an invalid region for Droplet creation.");
    }
    if (size.isEmpty()) {
      throw unprocessable("You specified an invalid size for Droplet creation.");
    }
    Object image;
    if (imageNode.isNumber()) {
      long id = imageNode.asLong();
      if (!w.images.containsKey(id)) {
        throw unprocessable("You specified an invalid image for Droplet creation.");
      }
      image = id;
    } else {
      String slug = imageNode.asString("");
      if (w.images.values().stream().noneMatch(i -> slug.equals(i.slug))) {
        throw unprocessable("You specified an invalid image for Droplet creation.");
      }
      image = slug;
    }
    List<Long> keys = new ArrayList<>();
    for (JsonNode k : b.path("ssh_keys")) {
      long id = k.asLong();
      if (!w.keys.containsKey(id)) {
        throw unprocessable("ssh_keys " + k + " is invalid");
      }
      keys.add(id);
    }
    List<String> tags = new ArrayList<>();
    b.path("tags").forEach(t -> tags.add(t.asString()));
    String vpc = b.path("vpc_uuid").asString(null);
    return w.createDroplet(
        name,
        region,
        size,
        image,
        keys,
        b.path("private_networking").asBoolean(false),
        b.path("ipv6").asBoolean(false),
        b.path("monitoring").asBoolean(false),
        tags,
        b.path("user_data").asString(null),
        vpc);
  }

  private static Action dropletAction(DoWorld w, Droplet d, JsonNode b) {
    String type = b.path("type").asString("");
    if (!List.of("shutdown", "power_off", "power_on", "snapshot", "reboot").contains(type)) {
      throw unprocessable("Action type '" + type + "' is not supported");
    }
    if (w.locked(d) && !type.equals("shutdown")) {
      throw unprocessable("Droplet already has a pending event.");
    }
    return w.dropletAction(d, type, b.path("name").asString(null));
  }

  private static Action imageAction(DoWorld w, Image image, JsonNode b) {
    String type = b.path("type").asString("");
    String region = b.path("region").asString("");
    if (!type.equals("transfer")) {
      throw unprocessable("Action type '" + type + "' is not supported");
    }
    if (!w.regions.contains(region)) {
      throw unprocessable("You specified an invalid region for the transfer.");
    }
    return w.imageAction(image, type, region);
  }

  private static Droplet droplet(DoWorld w, long id) {
    Droplet d = w.droplets.get(id);
    if (d == null) {
      throw notFound();
    }
    return d;
  }

  private static Image image(DoWorld w, long id) {
    Image i = w.images.get(id);
    if (i == null) {
      throw notFound();
    }
    return i;
  }

  private static Map<String, Object> key(Key k) {
    return map("id", k.id, "name", k.name, "fingerprint", k.fingerprint, "public_key", k.publicKey);
  }

  private static Map<String, Object> droplet(DoWorld w, Droplet d) {
    List<Object> v4 = new ArrayList<>();
    if (!d.status.equals("new")) {
      v4.add(map("ip_address", w.publicIp(), "netmask", "255.255.240.0", "type", "public"));
      if (d.privateNetworking) {
        v4.add(map("ip_address", w.privateIp(), "netmask", "255.255.0.0", "type", "private"));
      }
    }
    Map<String, Object> m =
        map(
            "id", d.id,
            "name", d.name,
            "status", d.status,
            "locked", w.locked(d),
            "size_slug", d.size,
            "tags", d.tags);
    m.put("region", map("slug", d.region));
    m.put("networks", map("v4", v4, "v6", List.of()));
    m.put("vpc_uuid", d.vpcUuid);
    return m;
  }

  private static Map<String, Object> action(Action a) {
    return map(
        "id", a.id,
        "status", a.status,
        "type", a.type,
        "resource_id", a.resourceId,
        "resource_type", a.resourceType,
        "region_slug", a.region);
  }

  private static Map<String, Object> image(Image i) {
    return map(
        "id", i.id,
        "name", i.name,
        "type", i.slug == null ? "snapshot" : "base",
        "slug", i.slug,
        "regions", List.copyOf(i.regions));
  }

  /** One page of {@code items}, with {@code links.pages.next} when more follow. */
  private static Map<String, Object> page(DoRequest r, String field, List<Object> items) {
    Map<String, String> q = query(r);
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    int per = Integer.parseInt(q.getOrDefault("per_page", "20"));
    int from = Math.min(items.size(), (page - 1) * per);
    int to = Math.min(items.size(), from + per);
    Map<String, Object> pages = new LinkedHashMap<>();
    if (to < items.size()) {
      pages.put("next", "/" + r.path() + "?page=" + (page + 1) + "&per_page=" + per);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(field, items.subList(from, to));
    m.put("links", Map.of("pages", pages));
    m.put("meta", Map.of("total", items.size()));
    return m;
  }

  private static Map<String, String> query(DoRequest r) {
    Map<String, String> q = new HashMap<>();
    if (r.query() == null) {
      return q;
    }
    for (String pair : r.query().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static ApiError notFound() {
    return new ApiError(404, "not_found", "The resource you were accessing could not be found.");
  }

  private static ApiError unprocessable(String message) {
    return new ApiError(422, "unprocessable_entity", message);
  }
}
