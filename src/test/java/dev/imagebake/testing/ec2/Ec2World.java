package dev.imagebake.testing.ec2;

import dev.imagebake.testing.SshKeyMaker;
import dev.imagebake.testing.ec2.Resources.Image;
import dev.imagebake.testing.ec2.Resources.Instance;
import dev.imagebake.testing.ec2.Resources.KeyPair;
import dev.imagebake.testing.ec2.Resources.LaunchTemplate;
import dev.imagebake.testing.ec2.Resources.Mapping;
import dev.imagebake.testing.ec2.Resources.SecurityGroup;
import dev.imagebake.testing.ec2.Resources.Snapshot;
import dev.imagebake.testing.ec2.Resources.Subnet;
import dev.imagebake.testing.ec2.Resources.Volume;
import dev.imagebake.testing.ec2.Resources.Vpc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state of the fake EC2: every resource of every region, the state machines of instances and
 * images, and the addresses instances report. All methods lock the world; tests may read it at any
 * time.
 *
 * <p>State machines advance on describes: an instance or image in a transitional state (pending,
 * stopping, shutting-down) moves on after {@link #transitionPolls} describes that include it,
 * unless its state is {@linkplain #hold held}.
 */
public final class Ec2World {
  public static final String ACCOUNT = "123456789012";
  public static final String SEED_AMI = "ami-e50e888c";
  public static final String SEED_AMI_NAME = "ubuntu/images/ebs/ubuntu-precise-12.04-amd64-server";
  public static final String CANONICAL = "099720109477";

  public static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-north-1",
          "ap-south-1",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ca-central-1",
          "sa-east-1");

  final Map<String, Image> images = new LinkedHashMap<>();
  final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
  final Map<String, Instance> instances = new LinkedHashMap<>();
  final Map<String, Volume> volumes = new LinkedHashMap<>();
  final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
  final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  final Map<String, Vpc> vpcs = new LinkedHashMap<>();
  final Map<String, Subnet> subnets = new LinkedHashMap<>();
  final Map<String, LaunchTemplate> launchTemplates = new LinkedHashMap<>();
  final Map<String, List<String>> fleets = new LinkedHashMap<>();
  private final Set<String> held = new HashSet<>();
  private long nextId = 0x100;
  private int transitionPolls = 1;
  private String publicIp = "127.0.0.1";
  private String privateIp = "127.0.0.1";
  private String publicDns = "localhost";
  private String privateDns = "localhost";
  private Consumer<String> keyAuthorizer = line -> {};
  final SshKeyMaker keyMaker = new SshKeyMaker();

  Ec2World() {
    for (String region : REGIONS) {
      Vpc vpc = new Vpc("vpc-" + abbreviation(region) + "default", region, "172.31.0.0/16", true);
      vpcs.put(vpc.id(), vpc);
      for (String zone : List.of("a", "b", "c")) {
        Subnet s =
            new Subnet(
                "subnet-" + abbreviation(region) + zone,
                region,
                vpc.id(),
                region + zone,
                zone.equals("b") ? 4000 : 250,
                "172.31.0.0/20");
        subnets.put(s.id(), s);
      }
    }
    Vpc custom = new Vpc("vpc-custom", "us-east-1", "10.0.0.0/16", false);
    vpcs.put(custom.id(), custom);
    subnets.put(
        "subnet-custom",
        new Subnet("subnet-custom", "us-east-1", custom.id(), "us-east-1d", 100, "10.0.0.0/24"));
    Image seed = addImage("us-east-1", SEED_AMI, SEED_AMI_NAME + "-20130222");
    seed.ownerId = CANONICAL;
    seed.creationDate = "2013-02-22T10:00:00.000Z";
    Image newer = addImage("us-east-1", "ami-0newer00000000001", SEED_AMI_NAME + "-20240101");
    newer.ownerId = CANONICAL;
    newer.creationDate = "2024-01-01T10:00:00.000Z";
  }

  private static String abbreviation(String region) {
    return region.replace("-", "");
  }

  // ---- configuration by tests ----

  /** Adds an available EBS image with a root volume and a second volume that is kept. */
  public synchronized Image addImage(String region, String id, String name) {
    Image image = new Image();
    image.id = id;
    image.region = region;
    image.name = name;
    image.mappings.add(mapping("/dev/sda1", snapshot(region, 8).id, 8, true));
    image.mappings.add(mapping("/dev/sdb", snapshot(region, 4).id, 4, false));
    images.put(id, image);
    return image;
  }

  /** Describes needed before a transitional state moves on (default 1). */
  public synchronized void transitionPolls(int polls) {
    this.transitionPolls = polls;
  }

  /**
   * Stops the transition out of {@code kind:state} (e.g. {@code instance:pending}, {@code
   * image:pending}, {@code instance:stopping}) until {@link #release}.
   */
  public synchronized void hold(String kindAndState) {
    held.add(kindAndState);
  }

  public synchronized void release() {
    held.clear();
  }

  /** What instances report as their addresses (all loopback by default). */
  public synchronized void addresses(
      String publicIp, String privateIp, String publicDns, String privateDns) {
    this.publicIp = publicIp;
    this.privateIp = privateIp;
    this.publicDns = publicDns;
    this.privateDns = privateDns;
  }

  /** Receives the authorized_keys line of every key pair CreateKeyPair generates. */
  public synchronized void keyAuthorizer(Consumer<String> authorizer) {
    this.keyAuthorizer = authorizer;
  }

  // ---- inspection by tests ----

  public synchronized List<Image> images() {
    return List.copyOf(images.values());
  }

  public synchronized List<Snapshot> snapshots() {
    return List.copyOf(snapshots.values());
  }

  public synchronized List<Instance> instances() {
    return List.copyOf(instances.values());
  }

  public synchronized List<Volume> volumes() {
    return List.copyOf(volumes.values());
  }

  public synchronized List<KeyPair> keyPairs() {
    return List.copyOf(keyPairs.values());
  }

  public synchronized List<SecurityGroup> securityGroups() {
    return List.copyOf(groups.values());
  }

  public synchronized List<LaunchTemplate> launchTemplates() {
    return List.copyOf(launchTemplates.values());
  }

  /** Runs {@code read} under the world's lock. */
  public synchronized <T> T inspect(Function<Ec2World, T> read) {
    return read.apply(this);
  }

  // ---- used by the actions ----

  synchronized String newId(String prefix) {
    return prefix + "-" + String.format("%017x", nextId++);
  }

  Mapping mapping(String device, String snapshotId, int size, boolean deleteOnTermination) {
    Mapping m = new Mapping();
    m.deviceName = device;
    m.snapshotId = snapshotId;
    m.volumeSize = size;
    m.volumeType = "gp2";
    m.deleteOnTermination = deleteOnTermination;
    m.encrypted = false;
    return m;
  }

  Snapshot snapshot(String region, int size) {
    Snapshot s = new Snapshot();
    s.id = newId("snap");
    s.region = region;
    s.volumeSize = size;
    snapshots.put(s.id, s);
    return s;
  }

  void authorize(String authorizedKeysLine) {
    keyAuthorizer.accept(authorizedKeysLine);
  }

  String publicIp() {
    return publicIp;
  }

  String privateIp() {
    return privateIp;
  }

  String publicDns() {
    return publicDns;
  }

  String privateDns() {
    return privateDns;
  }

  void enter(Instance i, String state) {
    i.state = state;
    i.pollsLeft = transitionPolls;
  }

  void enter(Image image, String state) {
    image.state = state;
    image.pollsLeft = transitionPolls;
  }

  /** One describe saw this instance. */
  void tick(Instance i) {
    String next =
        switch (i.state) {
          case "pending" -> "running";
          case "stopping" -> "stopped";
          case "shutting-down" -> "terminated";
          default -> null;
        };
    if (next == null || held.contains("instance:" + i.state)) {
      return;
    }
    if (i.pollsLeft > 0) {
      i.pollsLeft--;
      return;
    }
    i.state = next;
    if (i.isTerminated()) {
      for (Mapping m : i.mappings) {
        Volume v = volumes.get(m.volumeId);
        if (v == null) {
          continue;
        }
        if (v.deleteOnTermination) {
          volumes.remove(v.id);
        } else {
          v.state = "available";
          v.attachedTo = null;
        }
      }
    }
  }

  /** One describe saw this image. */
  void tick(Image image) {
    if (!"pending".equals(image.state) || held.contains("image:pending")) {
      return;
    }
    if (image.pollsLeft > 0) {
      image.pollsLeft--;
      return;
    }
    image.state = "available";
    image.availableNanos = System.nanoTime();
  }

  List<Subnet> subnetsOf(String region) {
    List<Subnet> list = new ArrayList<>();
    subnets.values().stream().filter(s -> s.region().equals(region)).forEach(list::add);
    return list;
  }
}
