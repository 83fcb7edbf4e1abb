package dev.imagebake.testing.openstack;

import dev.imagebake.testing.SshKeyMaker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The calls of the fake OpenStack, over its world (called with the world locked). */
final class OsRoutes {
  /** An error answer. */
  static final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final OsWorld w;
  private final FakeOpenstack fake;

  OsRoutes(OsWorld world, FakeOpenstack fake) {
    this.w = world;
    this.fake = fake;
  }

  FakeOpenstack.OsAnswer handle(OsCall c) {
    return switch (c.service()) {
      case "keystone" -> keystone(c);
      case "nova" -> nova(c);
      case "glance" -> glance(c);
      case "neutron" -> neutron(c);
      case "cinder" -> cinder(c);
      default -> throw new HttpError(404, "no such service: " + c.name());
    };
  }

  private static FakeOpenstack.OsAnswer ok(int status, Object body) {
    return new FakeOpenstack.OsAnswer(status, Map.of(), body);
  }

  private static HttpError notFound(String what) {
    return new HttpError(404, what + " could not be found.");
  }

  private static Map<String, Object> m(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], kv[i + 1]);
    }
    return map;
  }

  // ---- Keystone ----

  private FakeOpenstack.OsAnswer keystone(OsCall c) {
    if (!c.method().equals("POST") || !c.segments().equals(List.of("auth", "tokens"))) {
      throw new HttpError(404, "no such call " + c.name());
    }
    JsonNode id = c.body().path("auth").path("identity");
    String method = id.path("methods").path(0).asString();
    boolean good =
        switch (method) {
          case "password" -> {
            JsonNode user = id.path("password").path("user");
            yield FakeOpenstack.PASSWORD.equals(user.path("password").asString())
                && (FakeOpenstack.USER.equals(user.path("name").asString())
                    || "u-1".equals(user.path("id").asString()));
          }
          case "token" -> FakeOpenstack.TOKEN.equals(id.path("token").path("id").asString());
          case "application_credential" ->
              FakeOpenstack.APP_CREDENTIAL_SECRET.equals(
                  id.path("application_credential").path("secret").asString());
          default -> false;
        };
    if (!good) {
      throw new HttpError(401, "The request you have made requires authentication.");
    }
    String base = fake.base();
    List<Object> catalog =
        List.of(
            entry("compute", base + "/compute/v2.1"),
            entry("image", base + "/image"),
            entry("network", base + "/network"),
            entry("volumev3", base + "/volume/v3/" + OsWorld.PROJECT));
    return new FakeOpenstack.OsAnswer(
        201,
        Map.of("X-Subject-Token", fake.newToken()),
        m("token", m("methods", List.of(method), "catalog", catalog)));
  }

  private static Object entry(String type, String url) {
    return m(
        "type",
        type,
        "endpoints",
        List.of(
            m("interface", "public", "region", "RegionOne", "region_id", "RegionOne", "url", url),
            m(
                "interface",
                "internal",
                "region",
                "RegionOne",
                "region_id",
                "RegionOne",
                "url",
                url)));
  }

  // ---- Nova ----

  private FakeOpenstack.OsAnswer nova(OsCall c) {
    String a = c.seg(0);
    String b = c.seg(1);
    if ("flavors".equals(a)) {
      List<Object> flavors =
          List.of(m("id", "1", "name", "m1.small"), m("id", "2", "name", "m1.medium"));
      if ("detail".equals(b)) {
        return ok(200, m("flavors", flavors));
      }
      for (Object f : flavors) {
        if (((Map<?, ?>) f).get("id").equals(b)) {
          return ok(200, m("flavor", f));
        }
      }
      throw notFound("Flavor " + b);
    }
    if ("os-keypairs".equals(a)) {
      if (c.method().equals("POST")) {
        String name = c.body().path("keypair").path("name").asString();
        if (w.keyPairs.containsKey(name)) {
          throw new HttpError(409, "Key pair '" + name + "' already exists.");
        }
        SshKeyMaker.Made made = w.keys.make("rsa");
        w.keyPairs.put(name, made.publicKey());
        w.authorize(made.publicKey());
        return ok(
            200,
            m(
                "keypair",
                m(
                    "name",
                    name,
                    "private_key",
                    made.privateKey(),
                    "public_key",
                    made.publicKey(),
                    "fingerprint",
                    made.fingerprint())));
      }
      if (c.method().equals("DELETE")) {
        if (w.keyPairs.remove(b) == null) {
          throw notFound("Keypair " + b);
        }
        return ok(202, null);
      }
    }
    if ("servers".equals(a)) {
      if (c.method().equals("POST") && b == null) {
        JsonNode s = c.body().path("server");
        Map<String, Object> request = FakeOpenstack.JSON.convertValue(s, Map.class);
        String key = s.path("key_name").isString() ? s.path("key_name").asString() : null;
        if (key != null && !w.keyPairs.containsKey(key)) {
          throw new HttpError(400, "Invalid key_name provided.");
        }
        // Nova takes an empty imageRef (gophercloud sends one when booting from a volume, as
        // Packer does) for none.
        String imageRef = s.path("imageRef").asString("");
        if (!imageRef.isEmpty() && !w.images.containsKey(imageRef)) {
          throw new HttpError(400, "Can not find requested image");
        }
        if (imageRef.isEmpty() && s.path("block_device_mapping_v2").isEmpty()) {
          throw new HttpError(400, "Missing imageRef attribute");
        }
        OsWorld.Server server =
            new OsWorld.Server(
                UUID.randomUUID().toString(), s.path("name").asString(), key, request);
        for (JsonNode bdm : s.path("block_device_mapping_v2")) {
          OsWorld.Volume v = w.volumes.get(bdm.path("uuid").asString());
          if (v == null || !v.status.equals("available")) {
            throw new HttpError(400, "Block Device Mapping is Invalid.");
          }
          v.status = "in-use";
          v.attachedTo = server.id;
        }
        w.servers.put(server.id, server);
        return ok(202, m("server", m("id", server.id, "adminPass", "x")));
      }
      if (c.method().equals("GET") && b == null) {
        String name = c.q("name");
        List<Object> list = new ArrayList<>();
        for (OsWorld.Server s : w.servers.values()) {
          if (name == null || s.name.matches(name)) {
            list.add(m("id", s.id, "name", s.name));
          }
        }
        return ok(200, m("servers", list));
      }
      OsWorld.Server s = w.servers.get(b);
      if (s == null) {
        throw notFound("Instance " + b);
      }
      if (c.method().equals("GET") && c.segments().size() == 2) {
        s.reads++;
        advance(s);
        if (!w.servers.containsKey(s.id)) {
          throw notFound("Instance " + b);
        }
        return ok(200, m("server", view(s)));
      }
      if (c.method().equals("DELETE")) {
        s.deleting = true;
        return ok(204, null);
      }
      if (c.method().equals("POST") && "action".equals(c.seg(2))) {
        return serverAction(s, c.body());
      }
    }
    throw new HttpError(404, "no such call " + c.name());
  }

  private FakeOpenstack.OsAnswer serverAction(OsWorld.Server s, JsonNode body) {
    if (body.has("os-stop")) {
      if (!s.status.equals("ACTIVE")) {
        throw new HttpError(409, "Cannot 'stop' instance while it is in vm_state " + s.status);
      }
      s.stopping = true;
      return ok(202, null);
    }
    if (body.has("forceDelete")) {
      s.deleting = true;
      return ok(202, null);
    }
    if (body.has("createImage")) {
      JsonNode ci = body.path("createImage");
      OsWorld.Image i =
          new OsWorld.Image(
              UUID.randomUUID().toString(), ci.path("name").asString(), "queued", w.tick());
      ci.path("metadata")
          .properties()
          .forEach(e -> i.properties.put(e.getKey(), e.getValue().asString()));
      i.properties.put("instance_uuid", s.id);
      w.images.put(i.id, i);
      return new FakeOpenstack.OsAnswer(
          202, Map.of("Location", fake.base() + "/image/v2/images/" + i.id), m("image_id", i.id));
    }
    throw new HttpError(400, "unknown action " + body);
  }

  private void advance(OsWorld.Server s) {
    if (s.deleting) {
      w.servers.remove(s.id);
      for (OsWorld.FloatingIp f : w.floatingIps.values()) {
        if (s.portId.equals(f.portId)) {
          f.portId = null;
        }
      }
      for (OsWorld.Volume v : w.volumes.values()) {
        if (s.id.equals(v.attachedTo)) {
          v.attachedTo = null;
          v.status = "available";
        }
      }
      return;
    }
    if (s.status.equals("BUILD") && !w.isHeld("server:BUILD")) {
      s.status = "ACTIVE";
    } else if (s.stopping && !w.isHeld("server:stopping")) {
      s.stopping = false;
      s.status = "SHUTOFF";
    }
  }

  private Map<String, Object> view(OsWorld.Server s) {
    List<Object> addresses = new ArrayList<>();
    addresses.add(m("addr", "127.0.0.1", "version", 4, "OS-EXT-IPS:type", "fixed"));
    for (OsWorld.FloatingIp f : w.floatingIps.values()) {
      if (s.portId.equals(f.portId)) {
        addresses.add(m("addr", f.address, "version", 4, "OS-EXT-IPS:type", "floating"));
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (s.request.get("metadata") instanceof Map<?, ?> given) {
      given.forEach((k, v) -> metadata.put(String.valueOf(k), v));
    }
    String rackconnect = w.rackconnectStatus(s.reads);
    if (rackconnect != null) {
      metadata.put("rackconnect_automation_status", rackconnect);
    }
    return m(
        "id",
        s.id,
        "name",
        s.name,
        "status",
        s.status,
        "metadata",
        metadata,
        "key_name",
        s.keyName,
        "addresses",
        m("private", addresses),
        "accessIPv4",
        "",
        "accessIPv6",
        "");
  }

  // ---- Glance ----

  private FakeOpenstack.OsAnswer glance(OsCall c) {
    if (!"images".equals(c.seg(0))) {
      throw new HttpError(404, "no such call " + c.name());
    }
    String id = c.seg(1);
    if (id == null && c.method().equals("POST")) {
      JsonNode body = c.body();
      OsWorld.Image i =
          new OsWorld.Image(
              UUID.randomUUID().toString(), body.path("name").asString(), "queued", w.tick());
      i.size = 0;
      i.source = "client";
      body.properties()
          .forEach(
              e -> {
                if (!Set.of("name", "visibility", "tags", "min_disk").contains(e.getKey())) {
                  i.properties.put(e.getKey(), e.getValue().asString());
                }
              });
      w.images.put(i.id, i);
      return ok(201, view(i));
    }
    if (id != null && c.method().equals("POST") && "import".equals(c.seg(2))) {
      OsWorld.Image i = w.images.get(id);
      if (i == null) {
        throw notFound("Image " + id);
      }
      if (!i.status.equals("queued")) {
        throw new HttpError(
            409, "Image status transition from " + i.status + " to importing is not allowed");
      }
      JsonNode method = c.body().path("method");
      if (!"web-download".equals(method.path("name").asString())) {
        throw new HttpError(
            400, "Import method " + method.path("name").asString() + " is not supported");
      }
      w.webDownload(i, method.path("uri").asString());
      return ok(202, null);
    }
    if (id == null && c.method().equals("GET")) {
      List<OsWorld.Image> list = new ArrayList<>(w.images.values());
      if ("created_at:desc".equals(c.q("sort"))) {
        list.sort(Comparator.comparingLong((OsWorld.Image i) -> i.created).reversed());
      }
      List<Object> out = new ArrayList<>();
      for (OsWorld.Image i : list) {
        if (matches(i, c)) {
          out.add(view(i));
        }
      }
      return ok(200, m("images", out));
    }
    OsWorld.Image i = w.images.get(id);
    if (i == null) {
      throw notFound("Image " + id);
    }
    if (c.method().equals("GET") && c.segments().size() == 2) {
      if (i.status.equals("importing") && !w.isHeld("image:importing")) {
        i.status = "active";
      } else if ((i.status.equals("queued") && i.source == null || i.status.equals("saving"))
          && !w.isHeld("image:saving")) {
        i.status = i.status.equals("queued") ? "saving" : "active";
      }
      return ok(200, view(i));
    }
    if (c.method().equals("DELETE") && c.segments().size() == 2) {
      w.images.remove(id);
      return ok(204, null);
    }
    if (c.method().equals("PATCH")) {
      for (JsonNode op : c.body()) {
        String path = op.path("path").asString().substring(1);
        JsonNode v = op.path("value");
        switch (path) {
          case "visibility" -> i.visibility = v.asString();
          case "min_disk" -> i.minDisk = v.asInt();
          case "tags" -> {
            i.tags.clear();
            v.forEach(t -> i.tags.add(t.asString()));
          }
          default -> i.properties.put(path, v.asString());
        }
      }
      return ok(200, view(i));
    }
    if ("members".equals(c.seg(2))) {
      if (c.method().equals("POST")) {
        String member = c.body().path("member").asString();
        i.members.put(member, "pending");
        return ok(200, m("member_id", member, "status", "pending"));
      }
      if (c.method().equals("PUT")) {
        i.members.put(c.seg(3), c.body().path("status").asString());
        return ok(200, m("member_id", c.seg(3), "status", i.members.get(c.seg(3))));
      }
    }
    throw new HttpError(404, "no such call " + c.name());
  }

  private static boolean matches(OsWorld.Image i, OsCall c) {
    if (c.q("name") != null && !c.q("name").equals(i.name)) {
      return false;
    }
    if (c.q("visibility") != null && !c.q("visibility").equals(i.visibility)) {
      return false;
    }
    if (c.q("owner") != null && !c.q("owner").equals(OsWorld.PROJECT)) {
      return false;
    }
    for (String tag : c.query().getOrDefault("tag", List.of())) {
      if (!i.tags.contains(tag)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> view(OsWorld.Image i) {
    Map<String, Object> v = new LinkedHashMap<>(i.properties);
    v.putAll(
        m(
            "id",
            i.id,
            "name",
            i.name,
            "status",
            i.status,
            "visibility",
            i.visibility,
            "tags",
            i.tags,
            "min_disk",
            i.minDisk,
            "size",
            i.size,
            "owner",
            OsWorld.PROJECT));
    return v;
  }

  // ---- Neutron ----

  private FakeOpenstack.OsAnswer neutron(OsCall c) {
    String a = c.seg(0);
    if ("networks".equals(a) && c.method().equals("GET")) {
      return ok(
          200,
          m(
              "networks",
              List.of(
                  m("id", OsWorld.PUBLIC_NETWORK, "name", "public", "router:external", true),
                  m("id", OsWorld.PRIVATE_NETWORK, "name", "private", "router:external", false),
                  m(
                      "id",
                      OsWorld.PROVISIONING_NETWORK,
                      "name",
                      "provisioning",
                      "router:external",
                      false))));
    }
    if ("subnets".equals(a) && c.method().equals("GET") && c.seg(1) == null) {
      List<Object> subnets = new ArrayList<>();
      for (List<String> subnet : OsWorld.SUBNETS) {
        subnets.add(
            m(
                "id",
                "subnet-" + subnets.size(),
                "network_id",
                subnet.get(0),
                "cidr",
                subnet.get(1),
                "ip_version",
                subnet.get(1).contains(":") ? 6 : 4));
      }
      return ok(200, m("subnets", subnets));
    }
    if ("ports".equals(a) && c.method().equals("GET")) {
      List<Object> ports = new ArrayList<>();
      OsWorld.Server s = w.servers.get(c.q("device_id"));
      if (s != null) {
        ports.add(m("id", s.portId, "device_id", s.id, "network_id", OsWorld.PRIVATE_NETWORK));
      }
      return ok(200, m("ports", ports));
    }
    if ("floatingips".equals(a)) {
      String id = c.seg(1);
      if (id == null && c.method().equals("GET")) {
        List<Object> out = new ArrayList<>();
        for (OsWorld.FloatingIp f : w.floatingIps.values()) {
          String net = c.q("floating_network_id");
          if (net == null || net.equals(f.networkId)) {
            out.add(view(f));
          }
        }
        return ok(200, m("floatingips", out));
      }
      if (id == null && c.method().equals("POST")) {
        String net = c.body().path("floatingip").path("floating_network_id").asString();
        if (!OsWorld.PUBLIC_NETWORK.equals(net)) {
          throw new HttpError(400, "Network " + net + " is not a valid external network");
        }
        OsWorld.FloatingIp f =
            new OsWorld.FloatingIp(UUID.randomUUID().toString(), "127.0.0.1", net);
        w.floatingIps.put(f.id, f);
        return ok(201, m("floatingip", view(f)));
      }
      OsWorld.FloatingIp f = w.floatingIps.get(id);
      if (f == null) {
        throw notFound("Floating IP " + id);
      }
      switch (c.method()) {
        case "GET" -> {
          return ok(200, m("floatingip", view(f)));
        }
        case "PUT" -> {
          JsonNode port = c.body().path("floatingip").path("port_id");
          f.portId = port.isString() ? port.asString() : null;
          return ok(200, m("floatingip", view(f)));
        }
        case "DELETE" -> {
          w.floatingIps.remove(id);
          return ok(204, null);
        }
        default -> {}
      }
    }
    throw new HttpError(404, "no such call " + c.name());
  }

  private static Map<String, Object> view(OsWorld.FloatingIp f) {
    return m(
        "id",
        f.id,
        "floating_ip_address",
        f.address,
        "floating_network_id",
        f.networkId,
        "port_id",
        f.portId,
        "status",
        f.portId == null ? "DOWN" : "ACTIVE");
  }

  // ---- Cinder ----

  private FakeOpenstack.OsAnswer cinder(OsCall c) {
    if (!"volumes".equals(c.seg(0))) {
      throw new HttpError(404, "no such call " + c.name());
    }
    String id = c.seg(1);
    if (id == null && c.method().equals("POST")) {
      JsonNode v = c.body().path("volume");
      if (!w.images.containsKey(v.path("imageRef").asString())) {
        throw new HttpError(400, "Invalid image identifier or unable to access requested image.");
      }
      OsWorld.Volume vol =
          new OsWorld.Volume(
              UUID.randomUUID().toString(), v.path("name").asString(), v.path("size").asInt());
      w.volumes.put(vol.id, vol);
      return ok(202, m("volume", view(vol)));
    }
    if (id == null && c.method().equals("GET")) {
      List<Object> out = new ArrayList<>();
      for (OsWorld.Volume v : w.volumes.values()) {
        if (c.q("name") == null || c.q("name").equals(v.name)) {
          out.add(view(v));
        }
      }
      return ok(200, m("volumes", out));
    }
    OsWorld.Volume v = w.volumes.get(id);
    if (v == null) {
      throw notFound("Volume " + id);
    }
    if (c.method().equals("GET") && c.segments().size() == 2) {
      if (v.status.equals("creating") && !w.isHeld("volume:creating")) {
        v.status = "available";
      } else if (v.status.equals("detaching") && !w.isHeld("volume:detaching")) {
        v.status = "available";
        v.attachedTo = null;
      }
      return ok(200, m("volume", view(v)));
    }
    if (c.method().equals("DELETE")) {
      if (v.status.equals("in-use") || v.status.equals("creating")) {
        throw new HttpError(400, "Invalid volume: Volume status must be available or error");
      }
      w.volumes.remove(id);
      return ok(202, null);
    }
    if (c.method().equals("POST") && "action".equals(c.seg(2))) {
      JsonNode body = c.body();
      if (body.has("os-detach")) {
        v.status = "detaching";
        return ok(202, null);
      }
      if (body.has("os-set_image_metadata")) {
        // What gophercloud's volumeactions.SetImageMetadata sends (Packer 1.6.6 with a volume).
        body.path("os-set_image_metadata")
            .path("metadata")
            .properties()
            .forEach(e -> v.imageMetadata.put(e.getKey(), e.getValue().asString()));
        return ok(200, m("metadata", v.imageMetadata));
      }
      if (body.has("os-volume_upload_image")) {
        OsWorld.Image i =
            new OsWorld.Image(
                UUID.randomUUID().toString(),
                body.path("os-volume_upload_image").path("image_name").asString(),
                "queued",
                w.tick());
        i.properties.putAll(v.imageMetadata);
        w.images.put(i.id, i);
        return ok(202, m("os-volume_upload_image", m("image_id", i.id, "volume_id", v.id)));
      }
    }
    throw new HttpError(404, "no such call " + c.name());
  }

  private static Map<String, Object> view(OsWorld.Volume v) {
    return m("id", v.id, "name", v.name, "status", v.status, "size", v.size);
  }
}
