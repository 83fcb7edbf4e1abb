package dev.imagebake.testing.digitalocean;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state of the fake DigitalOcean account: SSH keys, droplets, their actions, images
 * (snapshots), regions. Things take time as they do at DigitalOcean, measured in polls: a new
 * droplet turns active, and an action completes, after {@link #pollsToComplete} reads of it (or of
 * its droplet). {@link #hold} keeps one kind of thing pending until {@link #release}. Guarded by
 * its own monitor; the server holds it for every operation.
 */
public final class DoWorld {
  /** An account SSH key. */
  public static final class Key {
    public final long id;
    public final String name;
    public final String publicKey;
    public final String fingerprint;

    Key(long id, String name, String publicKey, String fingerprint) {
      this.id = id;
      this.name = name;
      this.publicKey = publicKey;
      this.fingerprint = fingerprint;
    }
  }

  /** A droplet. */
  public static final class Droplet {
    public final long id;
    public final String name;
    public final String region;
    public final String size;
    public final Object image;
    public final List<Long> sshKeys;
    public final boolean privateNetworking;
    public final boolean ipv6;
    public final boolean monitoring;
    public final List<String> tags;
    public final String userData;
    public final String vpcUuid;
    public String status = "new";
    int polls;

    Droplet(
        long id,
        String name,
        String region,
        String size,
        Object image,
        List<Long> sshKeys,
        boolean privateNetworking,
        boolean ipv6,
        boolean monitoring,
        List<String> tags,
        String userData,
        String vpcUuid) {
      this.id = id;
      this.name = name;
      this.region = region;
      this.size = size;
      this.image = image;
      this.sshKeys = List.copyOf(sshKeys);
      this.privateNetworking = privateNetworking;
      this.ipv6 = ipv6;
      this.monitoring = monitoring;
      this.tags = List.copyOf(tags);
      this.userData = userData;
      this.vpcUuid = vpcUuid;
    }
  }

  /** An action on a droplet or an image. */
  public static final class Action {
    public final long id;
    public final String type;
    public final long resourceId;
    public final String resourceType;
    public final String name;
    public final String region;
    public String status = "in-progress";
    int polls;

    Action(long id, String type, long resourceId, String resourceType, String name, String region) {
      this.id = id;
      this.type = type;
      this.resourceId = resourceId;
      this.resourceType = resourceType;
      this.name = name;
      this.region = region;
    }
  }

  /** An image: a snapshot of a droplet, or a base image. */
  public static final class Image {
    public final long id;
    public final String name;
    public final String slug;
    public final List<String> regions = new ArrayList<>();
    public final Long dropletId;

    Image(long id, String name, String slug, String region, Long dropletId) {
      this.id = id;
      this.name = name;
      this.slug = slug;
      this.regions.add(region);
      this.dropletId = dropletId;
    }
  }

  private long nextId = 3_000_000;
  final Map<Long, Key> keys = new LinkedHashMap<>();
  final Map<Long, Droplet> droplets = new LinkedHashMap<>();
  final Map<Long, Action> actions = new LinkedHashMap<>();
  final Map<Long, Image> images = new LinkedHashMap<>();
  final List<String> regions =
      new ArrayList<>(List.of("nyc1", "nyc3", "sfo2", "sfo3", "ams3", "lon1", "fra1", "sgp1"));
  private final Set<String> holds = new HashSet<>();
  private int pollsToComplete = 1;
  private String publicIp = "127.0.0.1";
  private String privateIp = "127.0.0.1";
  private boolean shutdownIgnored;
  private Consumer<String> keyAuthorizer = line -> {};

  public DoWorld() {
    Image base = new Image(next(), "Ubuntu 20.04 (LTS) x64", "ubuntu-20-04-x64", "nyc3", null);
    base.regions.addAll(List.of("nyc1", "sfo2", "sfo3", "ams3", "lon1", "fra1", "sgp1"));
    images.put(base.id, base);
  }

  long next() {
    return nextId++;
  }

  // ---- knobs

  /** Reads of a droplet or action before it reaches its end state (default 1; 0: at once). */
  public synchronized DoWorld pollsToComplete(int polls) {
    this.pollsToComplete = polls;
    return this;
  }

  /**
   * Keeps things pending until released: {@code droplet:new} (never active), {@code action:<type>}
   * (e.g. action:snapshot never completes).
   */
  public synchronized void hold(String what) {
    holds.add(what);
  }

  public synchronized void release(String what) {
    holds.remove(what);
  }

  /** The droplets' public IPv4 (default the loopback, where the test sshd listens). */
  public synchronized DoWorld publicIp(String ip) {
    this.publicIp = ip;
    return this;
  }

  public synchronized DoWorld privateIp(String ip) {
    this.privateIp = ip;
    return this;
  }

  /** Shutdown actions complete without turning the droplet off. */
  public synchronized DoWorld ignoreShutdowns() {
    this.shutdownIgnored = true;
    return this;
  }

  /** Receives the authorized_keys line of every key a droplet is created with. */
  public synchronized DoWorld keyAuthorizer(Consumer<String> authorizer) {
    this.keyAuthorizer = authorizer;
    return this;
  }

  // ---- views for tests

  public synchronized List<Key> keys() {
    return List.copyOf(keys.values());
  }

  public synchronized List<Droplet> droplets() {
    return List.copyOf(droplets.values());
  }

  public synchronized List<Image> images() {
    return List.copyOf(images.values());
  }

  public synchronized List<Action> actions() {
    return List.copyOf(actions.values());
  }

  public synchronized Set<String> regionSlugs() {
    return Set.copyOf(regions);
  }

  // ---- behaviour (called by the server under this monitor)

  String publicIp() {
    return publicIp;
  }

  String privateIp() {
    return privateIp;
  }

  Droplet createDroplet(
      String name,
      String region,
      String size,
      Object image,
      List<Long> sshKeys,
      boolean privateNetworking,
      boolean ipv6,
      boolean monitoring,
      List<String> tags,
      String userData,
      String vpcUuid) {
    Droplet d =
        new Droplet(
            next(),
            name,
            region,
            size,
            image,
            sshKeys,
            privateNetworking,
            ipv6,
            monitoring,
            tags,
            userData,
            vpcUuid);
    droplets.put(d.id, d);
    for (long keyId : sshKeys) {
      Key k = keys.get(keyId);
      if (k != null) {
        keyAuthorizer.accept(k.publicKey);
      }
    }
    if (pollsToComplete == 0 && !holds.contains("droplet:new")) {
      d.status = "active";
    }
    return d;
  }

  /** A read of the droplet: it ages, and so do its actions. */
  void touchDroplet(Droplet d) {
    if (d.status.equals("new") && !holds.contains("droplet:new")) {
      if (++d.polls >= pollsToComplete) {
        d.status = "active";
      }
    }
    for (Action a : List.copyOf(actions.values())) {
      if (a.resourceType.equals("droplet") && a.resourceId == d.id) {
        touchAction(a);
      }
    }
  }

  /** A read of the action: it ages, and completes in time. */
  void touchAction(Action a) {
    if (!a.status.equals("in-progress") || holds.contains("action:" + a.type)) {
      return;
    }
    if (++a.polls >= pollsToComplete) {
      complete(a);
    }
  }

  boolean locked(Droplet d) {
    return actions.values().stream()
        .anyMatch(
            a ->
                a.resourceType.equals("droplet")
                    && a.resourceId == d.id
                    && a.status.equals("in-progress"));
  }

  Action dropletAction(Droplet d, String type, String name) {
    Action a = new Action(next(), type, d.id, "droplet", name, d.region);
    actions.put(a.id, a);
    if (pollsToComplete == 0 && !holds.contains("action:" + type)) {
      complete(a);
    }
    return a;
  }

  Action imageAction(Image image, String type, String region) {
    Action a = new Action(next(), type, image.id, "image", null, region);
    actions.put(a.id, a);
    if (pollsToComplete == 0 && !holds.contains("action:" + type)) {
      complete(a);
    }
    return a;
  }

  private void complete(Action a) {
    a.status = "completed";
    if (a.resourceType.equals("droplet")) {
      Droplet d = droplets.get(a.resourceId);
      switch (a.type) {
        case "shutdown" -> {
          if (d != null && !shutdownIgnored) {
            d.status = "off";
          }
        }
        case "power_off" -> {
          if (d != null) {
            d.status = "off";
          }
        }
        case "snapshot" -> {
          Image image = new Image(next(), a.name, null, a.region, a.resourceId);
          images.put(image.id, image);
        }
        default -> {}
      }
    } else if (a.type.equals("transfer")) {
      Image image = images.get(a.resourceId);
      if (image == null) {
        a.status = "errored";
      } else if (!image.regions.contains(a.region)) {
        image.regions.add(a.region);
      }
    }
  }

  /**
   * Destroys a droplet. A snapshot still being taken is finished first (at DigitalOcean it appears
   * after the droplet is gone); its other actions error.
   */
  void deleteDroplet(Droplet d) {
    for (Action a : List.copyOf(actions.values())) {
      if (a.resourceType.equals("droplet")
          && a.resourceId == d.id
          && a.status.equals("in-progress")) {
        if (a.type.equals("snapshot")) {
          complete(a);
        } else {
          a.status = "errored";
        }
      }
    }
    droplets.remove(d.id);
  }

  void deleteImage(Image image) {
    for (Action a : actions.values()) {
      if (a.resourceType.equals("image")
          && a.resourceId == image.id
          && a.status.equals("in-progress")) {
        a.status = "errored";
      }
    }
    images.remove(image.id);
  }

  Collection<Image> snapshotsOf(long dropletId) {
    return images.values().stream()
        .filter(i -> i.dropletId != null && i.dropletId == dropletId)
        .toList();
  }
}
