package dev.imagebake.testing.ec2;

import dev.imagebake.testing.SshKeyMaker;
import dev.imagebake.testing.ec2.Resources.Image;
import dev.imagebake.testing.ec2.Resources.Instance;
import dev.imagebake.testing.ec2.Resources.KeyPair;
import dev.imagebake.testing.ec2.Resources.Rule;
import dev.imagebake.testing.ec2.Resources.SecurityGroup;
import dev.imagebake.testing.ec2.Resources.Snapshot;
import dev.imagebake.testing.ec2.Resources.Subnet;
import dev.imagebake.testing.ec2.Resources.Volume;
import dev.imagebake.testing.ec2.Resources.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Regions, VPCs, subnets, key pairs, security groups, volumes and tags. */
final class NetworkActions {
  private final Ec2World w;

  NetworkActions(Ec2World world) {
    this.w = world;
  }

  boolean handle(Ec2Request r, Xml x) {
    switch (r.action()) {
      case "DescribeRegions" -> {
        List<String> wanted = r.list("RegionName");
        x.set(
            "regionInfo",
            Ec2World.REGIONS.stream().filter(n -> wanted.isEmpty() || wanted.contains(n)).toList(),
            (rx, n) ->
                rx.el("regionName", n)
                    .el("regionEndpoint", "ec2." + n + ".amazonaws.com")
                    .el("optInStatus", "opt-in-not-required"));
      }
      case "DescribeVpcs" -> describeVpcs(r, x);
      case "DescribeSubnets" -> describeSubnets(r, x);
      case "CreateKeyPair" -> createKeyPair(r, x);
      case "DeleteKeyPair" -> {
        String name = r.get("KeyName");
        w.keyPairs
            .values()
            .removeIf(
                k ->
                    k.region.equals(r.region())
                        && (k.name.equals(name) || k.id.equals(r.get("KeyPairId"))));
        x.el("return", true);
      }
      case "DescribeKeyPairs" -> describeKeyPairs(r, x);
      case "CreateSecurityGroup" -> createGroup(r, x);
      case "DescribeSecurityGroups" -> describeGroups(r, x);
      case "AuthorizeSecurityGroupIngress" -> authorize(r, x);
      case "DeleteSecurityGroup" -> deleteGroup(r, x);
      case "DescribeVolumes" -> describeVolumes(r, x);
      case "DeleteVolume" -> deleteVolume(r, x);
      case "CreateTags" -> createTags(r, x);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void describeVpcs(Ec2Request r, Xml x) {
    List<Vpc> found = new ArrayList<>();
    for (String id : r.list("VpcId")) {
      Vpc v = w.vpcs.get(id);
      if (v == null || !v.region().equals(r.region())) {
        throw Ec2Error.notFound("InvalidVpcID.NotFound", id, "vpc ID");
      }
      found.add(v);
    }
    if (r.list("VpcId").isEmpty()) {
      w.vpcs.values().stream().filter(v -> v.region().equals(r.region())).forEach(found::add);
    }
    Map<String, List<String>> filters = r.filters();
    List<Vpc> matching =
        found.stream()
            .filter(
                v ->
                    Filters.match(
                        filters,
                        name ->
                            switch (name) {
                              case "vpc-id" -> Filters.of(v.id());
                              case "is-default", "isDefault" -> Filters.of(v.isDefault());
                              case "cidr", "cidr-block" -> Filters.of(v.cidr());
                              case "state" -> Filters.of("available");
                              default -> null;
                            },
                        Map.of()))
            .toList();
    x.set(
        "vpcSet",
        matching,
        (vx, v) ->
            vx.el("vpcId", v.id())
                .el("state", "available")
                .el("cidrBlock", v.cidr())
                .el("isDefault", v.isDefault()));
  }

  private void describeSubnets(Ec2Request r, Xml x) {
    List<Subnet> found = new ArrayList<>();
    for (String id : r.list("SubnetId")) {
      Subnet s = w.subnets.get(id);
      if (s == null || !s.region().equals(r.region())) {
        throw Ec2Error.notFound("InvalidSubnetID.NotFound", id, "subnet ID");
      }
      found.add(s);
    }
    if (r.list("SubnetId").isEmpty()) {
      found.addAll(w.subnetsOf(r.region()));
    }
    Map<String, List<String>> filters = r.filters();
    List<Subnet> matching =
        found.stream()
            .filter(
                s ->
                    Filters.match(
                        filters,
                        name ->
                            switch (name) {
                              case "subnet-id" -> Filters.of(s.id());
                              case "vpc-id" -> Filters.of(s.vpcId());
                              case "state" -> Filters.of("available");
                              case "availability-zone", "availabilityZone" ->
                                  Filters.of(s.availabilityZone());
                              case "default-for-az" -> Filters.of(!s.id().equals("subnet-custom"));
                              case "cidr-block" -> Filters.of(s.cidr());
                              default -> null;
                            },
                        Map.of()))
            .toList();
    x.set(
        "subnetSet",
        matching,
        (sx, s) ->
            sx.el("subnetId", s.id())
                .el("state", "available")
                .el("vpcId", s.vpcId())
                .el("cidrBlock", s.cidr())
                .el("availableIpAddressCount", s.freeIps())
                .el("availabilityZone", s.availabilityZone())
                .el("defaultForAz", !s.id().equals("subnet-custom"))
                .el("mapPublicIpOnLaunch", true));
  }

  private void createKeyPair(Ec2Request r, Xml x) {
    String name = r.get("KeyName");
    if (name == null || name.isEmpty()) {
      throw Ec2Error.badRequest(
          "MissingParameter", "The request must contain the parameter KeyName");
    }
    if (w.keyPairs.containsKey(r.region() + "/" + name)) {
      throw Ec2Error.badRequest(
          "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
    }
    String type = r.get("KeyType", "rsa");
    if (!type.equals("rsa") && !type.equals("ed25519")) {
      throw Ec2Error.badRequest("InvalidParameterValue", "Invalid KeyType: " + type);
    }
    SshKeyMaker.Made made = w.keyMaker.make(type);
    KeyPair k = new KeyPair();
    k.name = name;
    k.id = w.newId("key");
    k.region = r.region();
    k.type = type;
    k.fingerprint = made.fingerprint();
    k.publicKey = made.publicKey();
    k.tags.putAll(r.tagSpecification("key-pair"));
    w.keyPairs.put(r.region() + "/" + name, k);
    w.authorize(made.publicKey());
    x.el("keyName", name).el("keyFingerprint", k.fingerprint);
    x.el("keyMaterial", made.privateKey()).el("keyPairId", k.id).tagSet(k.tags);
  }

  private void describeKeyPairs(Ec2Request r, Xml x) {
    List<KeyPair> found = new ArrayList<>();
    for (String name : r.list("KeyName")) {
      KeyPair k = w.keyPairs.get(r.region() + "/" + name);
      if (k == null) {
        throw Ec2Error.badRequest(
            "InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist");
      }
      found.add(k);
    }
    if (r.list("KeyName").isEmpty()) {
      w.keyPairs.values().stream().filter(k -> k.region.equals(r.region())).forEach(found::add);
    }
    x.set(
        "keySet",
        found,
        (kx, k) ->
            kx.el("keyPairId", k.id)
                .el("keyName", k.name)
                .el("keyFingerprint", k.fingerprint)
                .el("keyType", k.type)
                .tagSet(k.tags));
  }

  SecurityGroup group(String region, String id) {
    SecurityGroup g = w.groups.get(id);
    if (g == null || !g.region.equals(region)) {
      throw Ec2Error.badRequest(
          "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    }
    return g;
  }

  private void createGroup(Ec2Request r, Xml x) {
    String vpcId = r.get("VpcId");
    if (vpcId == null) {
      vpcId =
          w.vpcs.values().stream()
              .filter(v -> v.region().equals(r.region()) && v.isDefault())
              .findFirst()
              .orElseThrow()
              .id();
    } else if (!w.vpcs.containsKey(vpcId)) {
      throw Ec2Error.notFound("InvalidVpcID.NotFound", vpcId, "vpc ID");
    }
    String name = r.get("GroupName");
    String vpc = vpcId;
    if (w.groups.values().stream().anyMatch(g -> g.name.equals(name) && g.vpcId.equals(vpc))) {
      throw Ec2Error.badRequest(
          "InvalidGroup.Duplicate",
          "The security group '" + name + "' already exists for VPC '" + vpc + "'");
    }
    SecurityGroup g = new SecurityGroup();
    g.id = w.newId("sg");
    g.name = name;
    g.description = r.get("GroupDescription");
    g.vpcId = vpcId;
    g.region = r.region();
    g.tags.putAll(r.tagSpecification("security-group"));
    w.groups.put(g.id, g);
    x.el("return", true).el("groupId", g.id).tagSet(g.tags);
  }

  private void describeGroups(Ec2Request r, Xml x) {
    List<SecurityGroup> found = new ArrayList<>();
    for (String id : r.list("GroupId")) {
      found.add(group(r.region(), id));
    }
    if (r.list("GroupId").isEmpty()) {
      w.groups.values().stream().filter(g -> g.region.equals(r.region())).forEach(found::add);
    }
    List<String> names = r.list("GroupName");
    Map<String, List<String>> filters = r.filters();
    List<SecurityGroup> matching =
        found.stream()
            .filter(g -> names.isEmpty() || names.contains(g.name))
            .filter(
                g ->
                    Filters.match(
                        filters,
                        name ->
                            switch (name) {
                              case "group-id" -> Filters.of(g.id);
                              case "group-name" -> Filters.of(g.name);
                              case "vpc-id" -> Filters.of(g.vpcId);
                              case "description" -> Filters.of(g.description);
                              default -> null;
                            },
                        g.tags))
            .toList();
    x.set(
        "securityGroupInfo",
        matching,
        (gx, g) -> {
          gx.el("ownerId", Ec2World.ACCOUNT)
              .el("groupId", g.id)
              .el("groupName", g.name)
              .el("groupDescription", g.description)
              .el("vpcId", g.vpcId);
          gx.set(
              "ipPermissions",
              g.ingress,
              (px, rule) ->
                  px.el("ipProtocol", rule.protocol())
                      .el("fromPort", rule.fromPort())
                      .el("toPort", rule.toPort())
                      .set("ipRanges", rule.cidrs(), (cx, c) -> cx.el("cidrIp", c)));
          gx.tagSet(g.tags);
        });
  }

  private void authorize(Ec2Request r, Xml x) {
    SecurityGroup g = group(r.region(), r.get("GroupId"));
    for (int i = 1; i <= r.count("IpPermissions"); i++) {
      Ec2Request p = r.sub("IpPermissions." + i);
      List<String> cidrs = new ArrayList<>();
      for (int j = 1; j <= p.count("IpRanges"); j++) {
        cidrs.add(p.get("IpRanges." + j + ".CidrIp"));
      }
      for (int j = 1; j <= p.count("Ipv6Ranges"); j++) {
        cidrs.add(p.get("Ipv6Ranges." + j + ".CidrIpv6"));
      }
      Rule rule =
          new Rule(
              p.get("IpProtocol"),
              Integer.parseInt(p.get("FromPort", "-1")),
              Integer.parseInt(p.get("ToPort", "-1")),
              List.copyOf(cidrs));
      if (g.ingress.contains(rule)) {
        throw Ec2Error.badRequest(
            "InvalidPermission.Duplicate", "the specified rule already exists");
      }
      g.ingress.add(rule);
    }
    x.el("return", true);
  }

  private void deleteGroup(Ec2Request r, Xml x) {
    SecurityGroup g = group(r.region(), r.get("GroupId"));
    for (Instance i : w.instances.values()) {
      if (!i.isTerminated() && i.groupIds.contains(g.id)) {
        throw Ec2Error.badRequest(
            "DependencyViolation", "resource " + g.id + " has a dependent object");
      }
    }
    w.groups.remove(g.id);
    x.el("return", true);
  }

  private void describeVolumes(Ec2Request r, Xml x) {
    List<Volume> found = new ArrayList<>();
    for (String id : r.list("VolumeId")) {
      Volume v = w.volumes.get(id);
      if (v == null) {
        throw Ec2Error.badRequest(
            "InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
      }
      found.add(v);
    }
    if (r.list("VolumeId").isEmpty()) {
      w.volumes.values().stream().filter(v -> v.region.equals(r.region())).forEach(found::add);
    }
    Map<String, List<String>> filters = r.filters();
    List<Volume> matching =
        found.stream()
            .filter(
                v ->
                    Filters.match(
                        filters,
                        name ->
                            switch (name) {
                              case "volume-id" -> Filters.of(v.id);
                              case "status" -> Filters.of(v.state);
                              case "attachment.instance-id" -> Filters.of(v.attachedTo);
                              default -> null;
                            },
                        v.tags))
            .toList();
    x.set(
        "volumeSet",
        matching,
        (vx, v) ->
            vx.el("volumeId", v.id)
                .el("size", v.size)
                .el("snapshotId", v.snapshotId)
                .el("availabilityZone", v.availabilityZone)
                .el("status", v.state)
                .el("volumeType", v.volumeType)
                .el("encrypted", v.encrypted)
                .set(
                    "attachmentSet",
                    v.attachedTo == null ? List.<Volume>of() : List.of(v),
                    (ax, a) ->
                        ax.el("volumeId", a.id)
                            .el("instanceId", a.attachedTo)
                            .el("device", a.device)
                            .el("status", "attached")
                            .el("deleteOnTermination", a.deleteOnTermination))
                .tagSet(v.tags));
  }

  private void deleteVolume(Ec2Request r, Xml x) {
    String id = r.get("VolumeId");
    Volume v = w.volumes.get(id);
    if (v == null) {
      throw Ec2Error.badRequest(
          "InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
    }
    if (!v.state.equals("available")) {
      throw Ec2Error.badRequest(
          "VolumeInUse", "Volume " + id + " is currently attached to " + v.attachedTo);
    }
    w.volumes.remove(id);
    x.el("return", true);
  }

  private void createTags(Ec2Request r, Xml x) {
    Map<String, String> tags = r.tags("Tag");
    List<Map<String, String>> targets = new ArrayList<>();
    for (String id : r.list("ResourceId")) {
      Map<String, String> target = tagsOf(r.region(), id);
      if (target == null) {
        String code =
            switch (id.substring(0, Math.max(0, id.indexOf('-')))) {
              case "ami" -> "InvalidAMIID.NotFound";
              case "snap" -> "InvalidSnapshot.NotFound";
              case "i" -> "InvalidInstanceID.NotFound";
              case "vol" -> "InvalidVolume.NotFound";
              case "sg" -> "InvalidGroup.NotFound";
              default -> "InvalidID";
            };
        throw Ec2Error.badRequest(code, "The ID '" + id + "' does not exist");
      }
      targets.add(target);
    }
    targets.forEach(t -> t.putAll(tags));
    x.el("return", true);
  }

  private Map<String, String> tagsOf(String region, String id) {
    Image image = w.images.get(id);
    if (image != null && image.region.equals(region)) return image.tags;
    Snapshot s = w.snapshots.get(id);
    if (s != null && s.region.equals(region)) return s.tags;
    Instance i = w.instances.get(id);
    if (i != null) return i.tags;
    Volume v = w.volumes.get(id);
    if (v != null) return v.tags;
    SecurityGroup g = w.groups.get(id);
    if (g != null) return g.tags;
    if (id.startsWith("sir-")) return new java.util.HashMap<>();
    return null;
  }
}
