package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.Resource;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The EC2 resources a build records with {@code ctx.resources()}: each with its id (or the name or
 * client token it was asked for, until the id is known), its region and the AWS CLI command that
 * deletes it.
 */
public final class Ec2Resources {
  private Ec2Resources() {}

  private static String cli(String region, String command) {
    return "aws ec2 " + command + " --region " + region;
  }

  public static Resource keyPair(String region, String name) {
    return new Resource(
        "EC2 key pair", name, region, cli(region, "delete-key-pair --key-name " + name));
  }

  /** A temporary security group, by id, or by name ({@code packer_...}) until its id is known. */
  public static Resource securityGroup(String region, String idOrName) {
    String by = idOrName.startsWith("sg-") ? "--group-id " : "--group-name ";
    return new Resource(
        "EC2 security group",
        idOrName,
        region,
        cli(region, "delete-security-group " + by + idOrName));
  }

  public static Resource instance(String region, String id) {
    return new Resource(
        "EC2 instance", id, region, cli(region, "terminate-instances --instance-ids " + id));
  }

  /** An instance asked for with {@code token} whose id never arrived. */
  public static Resource launchingInstance(String region, String token) {
    return new Resource(
        "EC2 instance",
        "client-token:" + token,
        region,
        "find it with `"
            + cli(region, "describe-instances --filters Name=client-token,Values=" + token)
            + "`, then terminate it");
  }

  public static Resource volume(String region, String id) {
    return new Resource("EBS volume", id, region, cli(region, "delete-volume --volume-id " + id));
  }

  public static Resource snapshot(String region, String id) {
    return new Resource(
        "EBS snapshot", id, region, cli(region, "delete-snapshot --snapshot-id " + id));
  }

  /** An AMI by id, or by name until its id is known; its snapshots go with it. */
  public static Resource image(String region, String idOrName) {
    boolean id = idOrName.startsWith("ami-");
    return new Resource(
        "AMI",
        idOrName,
        region,
        id
            ? cli(region, "deregister-image --image-id " + idOrName)
                + ", then delete its snapshots (`"
                + cli(region, "describe-images --image-ids " + idOrName)
                + "` lists them)"
            : "find it with `"
                + cli(
                    region, "describe-images --owners self --filters Name=name,Values=" + idOrName)
                + "`, then deregister it and delete its snapshots");
  }

  public static Resource image(MadeImage made) {
    return image(made.region(), made.id() == null ? made.name() : made.id());
  }

  public static Resource launchTemplate(String region, String name) {
    return new Resource(
        "EC2 launch template",
        name,
        region,
        cli(region, "delete-launch-template --launch-template-name " + name));
  }

  /**
   * What ends the instance when the cleanups are skipped: TerminateInstances, without waiting; by
   * client token when the id never arrived.
   */
  public static Runnable terminate(Ec2Client ec2, String id, String token) {
    return () -> {
      String target = id;
      if (target == null) {
        List<String> found =
            ec2
                .describeInstances(
                    b -> b.filters(Filter.builder().name("client-token").values(token).build()))
                .reservations()
                .stream()
                .flatMap(r -> r.instances().stream())
                .map(Instance::instanceId)
                .toList();
        if (found.isEmpty()) {
          return; // never launched
        }
        target = found.get(0);
      }
      String instanceId = target;
      ec2.terminateInstances(b -> b.instanceIds(instanceId));
    };
  }
}
