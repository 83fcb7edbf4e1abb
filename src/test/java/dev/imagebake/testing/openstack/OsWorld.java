package dev.imagebake.testing.openstack;

import dev.imagebake.testing.SshKeyMaker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The state of the fake OpenStack: flavors, images, key pairs, servers, ports, floating IPs,
 * networks and volumes, and their state machines. A resource in a transitional state (server BUILD,
 * stopping; image queued/saving; volume creating/detaching; server deleting) moves on at the next
 * read of it, unless {@linkplain #hold held}. All methods lock the world.
 */
public final class OsWorld {
  public static final String PROJECT = "b1e7c0de0000000000000000000000aa";
  public static final String SEED_IMAGE = "0d4b7e1c-5a8f-4e1a-9c1e-6f2a3b4c5d6e";
  public static final String SEED_IMAGE_NAME = "ubuntu-20.04";
  public static final String PUBLIC_NETWORK = "7f0e8d6c-0000-4000-8000-00000000e0e0";
  public static final String PRIVATE_NETWORK = "7f0e8d6c-0000-4000-8000-0000000000aa";

  /** A third network, found only by network_discovery_cidrs in 192.168.0.0/16. */
  public static final String PROVISIONING_NETWORK = "7f0e8d6c-0000-4000-8000-0000000000bb";

  /** Neutron's subnets, in its order: network id and CIDR. */
  static final List<List<String>> SUBNETS =
      List.of(
          List.of(PUBLIC_NETWORK, "172.24.4.0/24"),
          List.of(PRIVATE_NETWORK, "10.0.0.0/24"),
          List.of(PROVISIONING_NETWORK, "192.168.10.0/24"),
          List.of(PRIVATE_NETWORK, "fd00:10::/64"));

  /** A Glance image. */
  public static final class Image {
    public final String id;
    public String name;
    public String status;
    public String visibility = "private";
    public final List<String> tags = new ArrayList<>();
    public final Map<String, String> members = new LinkedHashMap<>();
    public final Map<String, String> properties = new LinkedHashMap<>();
    public int minDisk;
    public long size = 2L << 30;

    /** For an image made by the client (not a snapshot): "client" until imported, then the URL. */
    String source;

    public final long created;

    Image(String id, String name, String status, long created) {
      this.id = id;
      this.name = name;
      this.status = status;
      this.created = created;
    }
  }

  /** A Nova server. */
  public static final class Server {
    public final String id;
    public final String name;
    public String status = "BUILD";
    public boolean stopping;
    public boolean deleting;
    public final String keyName;
    public final Map<String, Object> request;
    public final String portId = UUID.randomUUID().toString();
    int reads;

    Server(String id, String name, String keyName, Map<String, Object> request) {
      this.id = id;
      this.name = name;
      this.keyName = keyName;
      this.request = request;
    }
  }

  /** A Neutron floating IP. */
  public static final class FloatingIp {
    public final String id;
    public final String address;
    public final String networkId;
    public String portId;

    FloatingIp(String id, String address, String networkId) {
      this.id = id;
      this.address = address;
      this.networkId = networkId;
    }
  }

  /** A Cinder volume. */
  public static final class Volume {
    public final String id;
    public final String name;
    public String status = "creating";
    public final int size;
    public String attachedTo;

    /** Cinder's volume_image_metadata (os-set_image_metadata), copied into uploaded images. */
    public final Map<String, String> imageMetadata = new LinkedHashMap<>();

    Volume(String id, String name, int size) {
      this.id = id;
      this.name = name;
      this.size = size;
    }
  }

  final Map<String, Image> images = new LinkedHashMap<>();
  final Map<String, String> keyPairs = new LinkedHashMap<>();
  final Map<String, Server> servers = new LinkedHashMap<>();
  final Map<String, FloatingIp> floatingIps = new LinkedHashMap<>();
  final Map<String, Volume> volumes = new LinkedHashMap<>();
  private final Set<String> held = new HashSet<>();
  private Consumer<String> keyAuthorizer = line -> {};
  private int rackconnectReads = -1;
  private final List<String> imports = new ArrayList<>();
  private long clock = 1_700_000_000L;
  final SshKeyMaker keys = new SshKeyMaker();

  OsWorld() {
    Image seed = new Image(SEED_IMAGE, SEED_IMAGE_NAME, "active", tick());
    seed.visibility = "public";
    images.put(seed.id, seed);
  }

  synchronized long tick() {
    return clock++;
  }

  /** Adds an active image (e.g. for source_image_filter tests). */
  public synchronized Image addImage(String name, Map<String, String> properties) {
    Image i = new Image(UUID.randomUUID().toString(), name, "active", tick());
    i.properties.putAll(properties);
    images.put(i.id, i);
    return i;
  }

  /** Adds a floating IP of the public network, not associated. */
  public synchronized FloatingIp addFloatingIp() {
    FloatingIp f = new FloatingIp(UUID.randomUUID().toString(), "127.0.0.1", PUBLIC_NETWORK);
    floatingIps.put(f.id, f);
    return f;
  }

  /**
   * Stops the transition out of {@code kind:state}: {@code server:BUILD}, {@code server:stopping},
   * {@code image:saving}, {@code volume:creating}, {@code volume:detaching}.
   */
  public synchronized void hold(String kindAndState) {
    held.add(kindAndState);
  }

  /**
   * Plays Rackspace's RackConnect: servers carry the metadata {@code
   * rackconnect_automation_status}, UNPROCESSED until their {@code reads}-th read, DEPLOYED from
   * then on.
   */
  public synchronized void rackconnectAfter(int reads) {
    rackconnectReads = reads;
  }

  /** The RackConnect status of a server read for the {@code reads}-th time, or null without it. */
  synchronized String rackconnectStatus(int reads) {
    if (rackconnectReads < 0) {
      return null;
    }
    return reads >= rackconnectReads ? "DEPLOYED" : "UNPROCESSED";
  }

  public synchronized void release() {
    held.clear();
  }

  synchronized boolean isHeld(String kindAndState) {
    return held.contains(kindAndState);
  }

  /**
   * Glance's web-download import: fetches {@code uri} now (the test serves it locally); the image
   * turns importing, then active at its next read. A failed fetch leaves it queued with {@code
   * os_glance_failed_import}, as Glance does.
   */
  synchronized void webDownload(Image image, String uri) {
    image.source = uri;
    try {
      HttpResponse<byte[]> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new IOException("HTTP " + answer.statusCode());
      }
      image.size = answer.body().length;
      imports.add(
          uri
              + " "
              + HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(answer.body())));
      image.status = "importing";
    } catch (IOException | IllegalArgumentException | NoSuchAlgorithmException e) {
      image.properties.put("os_glance_failed_import", "local");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      image.properties.put("os_glance_failed_import", "local");
    }
  }

  /** Every web-download import that fetched its URL: {@code "URL SHA256HEX"}, in order. */
  public synchronized List<String> imports() {
    return List.copyOf(imports);
  }

  /** Receives the authorized_keys line of every key pair Nova generates. */
  public synchronized void keyAuthorizer(Consumer<String> authorizer) {
    this.keyAuthorizer = authorizer;
  }

  synchronized void authorize(String publicKeyLine) {
    keyAuthorizer.accept(publicKeyLine);
  }

  public synchronized List<Image> images() {
    return List.copyOf(images.values());
  }

  public synchronized List<String> keyPairs() {
    return List.copyOf(keyPairs.keySet());
  }

  public synchronized List<Server> servers() {
    return List.copyOf(servers.values());
  }

  public synchronized List<FloatingIp> floatingIps() {
    return List.copyOf(floatingIps.values());
  }

  public synchronized List<Volume> volumes() {
    return List.copyOf(volumes.values());
  }
}
