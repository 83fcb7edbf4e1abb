package dev.imagebake.testing.ec2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources the fake EC2 keeps. Mutable on purpose: they are the endpoint's state, read by
 * tests through {@link Ec2World} (always under its lock, or after the build finished).
 */
public final class Resources {
  private Resources() {}

  /** An AMI. {@code state}: pending, available, failed. Deregistered images are removed. */
  public static final class Image {
    public String id;
    public String region;
    public String name;
    public String description;
    public String state = "available";
    public String ownerId = Ec2World.ACCOUNT;
    public String creationDate = Instant.now().toString();
    public String rootDeviceType = "ebs";
    public String rootDeviceName = "/dev/sda1";
    public String virtualizationType = "hvm";
    public String architecture = "x86_64";
    public boolean enaSupport;
    public String sriovNetSupport;
    public boolean encrypted;
    public String kmsKeyId;
    public final List<Mapping> mappings = new ArrayList<>();
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final Set<String> launchUserIds = new LinkedHashSet<>();
    public final Set<String> launchGroups = new LinkedHashSet<>();
    public final Set<String> productCodes = new LinkedHashSet<>();

    /** The instance it was made from, or the image it was copied from. */
    public String source;

    public String clientToken;
    int pollsLeft;

    /** When it was made, and when it became available (0 until then): System.nanoTime(). */
    public final long madeNanos = System.nanoTime();

    public long availableNanos;
  }

  /** A block device mapping of an image or an instance. */
  public static final class Mapping {
    public String deviceName;
    public String snapshotId;
    public String volumeId;
    public Integer volumeSize;
    public String volumeType;
    public Boolean deleteOnTermination;
    public Boolean encrypted;
    public String kmsKeyId;
    public Integer iops;
    public Integer throughput;
    public String virtualName;
    public boolean noDevice;
  }

  public static final class Snapshot {
    public String id;
    public String region;
    public String volumeId;
    public int volumeSize;
    public boolean encrypted;
    public String kmsKeyId;
    public String state = "completed";
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final Set<String> createVolumeUserIds = new LinkedHashSet<>();
    public final Set<String> createVolumeGroups = new LinkedHashSet<>();
  }

  /** {@code state}: pending, running, stopping, stopped, shutting-down, terminated. */
  public static final class Instance {
    public String id;
    public String region;
    public String imageId;
    public String instanceType;
    public String state = "pending";
    public String keyName;
    public String subnetId;
    public String vpcId;
    public String availabilityZone;
    public final List<String> groupIds = new ArrayList<>();
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final List<Mapping> mappings = new ArrayList<>();
    public String userData;
    public String iamInstanceProfile;
    public boolean ebsOptimized;
    public boolean associatePublicIp;
    public String shutdownBehavior;
    public String tenancy;
    public final Map<String, String> metadataOptions = new LinkedHashMap<>();
    public final Map<String, String> attributes = new LinkedHashMap<>();
    public String clientToken;
    public boolean spot;
    public String launchTime = Instant.now().toString();
    int pollsLeft;

    public boolean isTerminated() {
      return "terminated".equals(state);
    }
  }

  /** {@code state}: in-use, available. Deleted volumes are removed. */
  public static final class Volume {
    public String id;
    public String region;
    public int size;
    public String volumeType = "gp2";
    public String snapshotId;
    public String availabilityZone;
    public String state = "in-use";
    public String attachedTo;
    public String device;
    public boolean deleteOnTermination;
    public boolean encrypted;
    public final Map<String, String> tags = new LinkedHashMap<>();
  }

  public static final class KeyPair {
    public String name;
    public String id;
    public String region;
    public String type;
    public String fingerprint;
    public String publicKey;
    public final Map<String, String> tags = new LinkedHashMap<>();
  }

  public static final class SecurityGroup {
    public String id;
    public String name;
    public String description;
    public String vpcId;
    public String region;
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final List<Rule> ingress = new ArrayList<>();
  }

  /** One ingress rule. */
  public record Rule(String protocol, int fromPort, int toPort, List<String> cidrs) {}

  public record Vpc(String id, String region, String cidr, boolean isDefault) {}

  public record Subnet(
      String id, String region, String vpcId, String availabilityZone, int freeIps, String cidr) {}

  public static final class LaunchTemplate {
    public String id;
    public String name;
    public String region;

    /** {@code LaunchTemplateData.*} parameters, prefix removed. */
    public Ec2Request data;
  }
}
