package dev.imagebake.testing.ec2;

import dev.imagebake.testing.ec2.Resources.Image;
import dev.imagebake.testing.ec2.Resources.Instance;
import dev.imagebake.testing.ec2.Resources.LaunchTemplate;
import dev.imagebake.testing.ec2.Resources.Mapping;
import dev.imagebake.testing.ec2.Resources.Subnet;
import dev.imagebake.testing.ec2.Resources.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Instances: run, describe, stop, terminate, modify; spot through launch templates and fleets. */
final class InstanceActions {
  private final Ec2World w;

  InstanceActions(Ec2World world) {
    this.w = world;
  }

  boolean handle(Ec2Request r, Xml x) {
    switch (r.action()) {
      case "RunInstances" -> runInstances(r, x);
      case "DescribeInstances" -> describeInstances(r, x);
      case "StopInstances" -> changeState(r, x, true);
      case "TerminateInstances" -> changeState(r, x, false);
      case "ModifyInstanceAttribute" -> modifyAttribute(r, x);
      case "CreateLaunchTemplate" -> createLaunchTemplate(r, x);
      case "DeleteLaunchTemplate" -> deleteLaunchTemplate(r, x);
      case "CreateFleet" -> createFleet(r, x);
      case "DeleteFleets" -> deleteFleets(r, x);
      case "GetConsoleOutput" -> {
        Instance i = instance(r.region(), r.get("InstanceId"));
        x.el("instanceId", i.id).el("timestamp", i.launchTime).el("output", "Ym9vdCBvawo=");
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  Instance instance(String region, String id) {
    Instance i = w.instances.get(id);
    if (i == null || !i.region.equals(region)) {
      throw Ec2Error.notFound("InvalidInstanceID.NotFound", id, "instance ID");
    }
    return i;
  }

  private void runInstances(Ec2Request r, Xml x) {
    String token = r.get("ClientToken");
    Instance existing =
        token == null
            ? null
            : w.instances.values().stream()
                .filter(i -> token.equals(i.clientToken))
                .findFirst()
                .orElse(null);
    Instance i = existing != null ? existing : launch(r, r.region(), r.get("InstanceType"), false);
    i.clientToken = token;
    x.el("reservationId", "r-" + i.id.substring(2)).el("ownerId", Ec2World.ACCOUNT);
    x.open("groupSet").close("groupSet");
    x.set("instancesSet", List.of(i), this::instanceXml);
  }

  /** Creates an instance from RunInstances parameters or launch template data. */
  Instance launch(Ec2Request spec, String region, String instanceType, boolean spot) {
    String imageId = spec.get("ImageId");
    Image image = w.images.get(imageId);
    if (imageId == null || image == null || !image.region.equals(region)) {
      throw Ec2Error.badRequest(
          "InvalidAMIID.NotFound", "The image id '[" + imageId + "]' does not exist");
    }
    if (instanceType == null) {
      throw Ec2Error.badRequest(
          "MissingParameter", "The request must contain the parameter InstanceType");
    }
    String keyName = spec.get("KeyName");
    if (keyName != null && !w.keyPairs.containsKey(region + "/" + keyName)) {
      throw Ec2Error.badRequest(
          "InvalidKeyPair.NotFound", "The key pair '" + keyName + "' does not exist");
    }
    Ec2Request nic = spec.sub("NetworkInterface.1");
    List<String> groupIds = new ArrayList<>(spec.list("SecurityGroupId"));
    groupIds.addAll(nic.list("SecurityGroupId"));
    for (String g : groupIds) {
      if (!w.groups.containsKey(g)) {
        throw Ec2Error.badRequest(
            "InvalidGroup.NotFound", "The security group '" + g + "' does not exist");
      }
    }
    String subnetId = spec.get("SubnetId", nic.get("SubnetId"));
    String zone = spec.get("Placement.AvailabilityZone");
    Subnet subnet;
    if (subnetId != null) {
      subnet = w.subnets.get(subnetId);
      if (subnet == null) {
        throw Ec2Error.notFound("InvalidSubnetID.NotFound", subnetId, "subnet ID");
      }
    } else {
      subnet =
          w.subnetsOf(region).stream()
              .filter(s -> zone == null || s.availabilityZone().equals(zone))
              .findFirst()
              .orElseThrow(
                  () ->
                      Ec2Error.badRequest(
                          "InvalidParameterValue", "Invalid availability zone: [" + zone + "]"));
    }
    Instance i = new Instance();
    i.id = w.newId("i");
    i.region = region;
    i.imageId = imageId;
    i.instanceType = instanceType;
    i.keyName = keyName;
    i.subnetId = subnet.id();
    i.vpcId = subnet.vpcId();
    i.availabilityZone = subnet.availabilityZone();
    i.groupIds.addAll(groupIds);
    i.userData = spec.get("UserData");
    i.iamInstanceProfile = spec.get("IamInstanceProfile.Name", spec.get("IamInstanceProfile.Arn"));
    i.ebsOptimized = spec.flag("EbsOptimized");
    i.associatePublicIp = nic.flag("AssociatePublicIpAddress");
    i.shutdownBehavior = spec.get("InstanceInitiatedShutdownBehavior");
    i.tenancy = spec.get("Placement.Tenancy");
    i.spot = spot;
    i.metadataOptions.putAll(spec.sub("MetadataOptions").params());
    i.tags.putAll(spec.tagSpecification("instance"));
    Map<String, String> volumeTags = spec.tagSpecification("volume");
    Map<String, Mapping> mappings = new LinkedHashMap<>();
    for (Mapping m : image.mappings) {
      mappings.put(m.deviceName, copy(m));
    }
    for (Mapping m : ImageActions.mappings(spec, "BlockDeviceMapping")) {
      if (m.noDevice) {
        mappings.remove(m.deviceName);
      } else {
        Mapping base = mappings.getOrDefault(m.deviceName, new Mapping());
        base.deviceName = m.deviceName;
        if (m.snapshotId != null) base.snapshotId = m.snapshotId;
        if (m.volumeSize != null) base.volumeSize = m.volumeSize;
        if (m.volumeType != null) base.volumeType = m.volumeType;
        base.deleteOnTermination =
            m.deleteOnTermination == null ? Boolean.FALSE : m.deleteOnTermination;
        if (m.encrypted != null) base.encrypted = m.encrypted;
        base.virtualName = m.virtualName;
        mappings.put(m.deviceName, base);
      }
    }
    for (Mapping m : mappings.values()) {
      if (m.virtualName != null) {
        continue;
      }
      Volume v = new Volume();
      v.id = w.newId("vol");
      v.region = region;
      v.size = m.volumeSize == null ? 8 : m.volumeSize;
      v.volumeType = m.volumeType == null ? "gp2" : m.volumeType;
      v.snapshotId = m.snapshotId;
      v.availabilityZone = i.availabilityZone;
      v.attachedTo = i.id;
      v.device = m.deviceName;
      v.deleteOnTermination = Boolean.TRUE.equals(m.deleteOnTermination);
      v.encrypted = Boolean.TRUE.equals(m.encrypted);
      v.tags.putAll(volumeTags);
      w.volumes.put(v.id, v);
      m.volumeId = v.id;
      i.mappings.add(m);
    }
    w.enter(i, "pending");
    w.instances.put(i.id, i);
    return i;
  }

  private static Mapping copy(Mapping m) {
    Mapping c = new Mapping();
    c.deviceName = m.deviceName;
    c.snapshotId = m.snapshotId;
    c.volumeSize = m.volumeSize;
    c.volumeType = m.volumeType;
    c.deleteOnTermination = m.deleteOnTermination;
    c.encrypted = m.encrypted;
    c.virtualName = m.virtualName;
    return c;
  }

  void instanceXml(Xml x, Instance i) {
    x.el("instanceId", i.id).el("imageId", i.imageId);
    x.nest("instanceState", s -> s.el("code", code(i.state)).el("name", i.state));
    boolean up = !i.isTerminated();
    x.el("privateDnsName", up ? w.privateDns() : "");
    x.el("dnsName", up ? w.publicDns() : "");
    x.el("reason", "").el("keyName", i.keyName).el("amiLaunchIndex", 0);
    x.el("instanceType", i.instanceType).el("launchTime", i.launchTime);
    x.nest(
        "placement",
        p ->
            p.el("availabilityZone", i.availabilityZone)
                .el("tenancy", i.tenancy == null ? "default" : i.tenancy));
    x.el("subnetId", i.subnetId).el("vpcId", i.vpcId);
    if (up) {
      x.el("privateIpAddress", w.privateIp()).el("ipAddress", w.publicIp());
    }
    x.el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/sda1");
    x.set(
        "blockDeviceMapping",
        i.mappings,
        (b, m) ->
            b.el("deviceName", m.deviceName)
                .nest(
                    "ebs",
                    e ->
                        e.el("volumeId", m.volumeId)
                            .el("status", "attached")
                            .el("attachTime", i.launchTime)
                            .el("deleteOnTermination", m.deleteOnTermination)));
    x.set(
        "groupSet",
        i.groupIds,
        (g, id) ->
            g.el("groupId", id)
                .el("groupName", w.groups.containsKey(id) ? w.groups.get(id).name : id));
    x.tagSet(i.tags);
    if (i.spot) {
      x.el("instanceLifecycle", "spot").el("spotInstanceRequestId", "sir-" + i.id.substring(2));
    }
    x.el("ebsOptimized", i.ebsOptimized).el("virtualizationType", "hvm");
  }

  static int code(String state) {
    return switch (state) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      case "stopped" -> 80;
      default -> 0;
    };
  }

  private void describeInstances(Ec2Request r, Xml x) {
    List<String> ids = r.list("InstanceId");
    List<Instance> found = new ArrayList<>();
    for (String id : ids) {
      found.add(instance(r.region(), id));
    }
    if (ids.isEmpty()) {
      w.instances.values().stream().filter(i -> i.region.equals(r.region())).forEach(found::add);
    }
    Map<String, List<String>> filters = r.filters();
    List<Instance> matching =
        found.stream()
            .filter(
                i ->
                    Filters.match(
                        filters,
                        name ->
                            switch (name) {
                              case "instance-id" -> Filters.of(i.id);
                              case "instance-state-name" -> Filters.of(i.state);
                              case "image-id" -> Filters.of(i.imageId);
                              case "key-name" -> Filters.of(i.keyName);
                              case "client-token" -> Filters.of(i.clientToken);
                              default -> null;
                            },
                        i.tags))
            .toList();
    matching.forEach(w::tick);
    x.set(
        "reservationSet",
        matching,
        (rx, i) -> {
          rx.el("reservationId", "r-" + i.id.substring(2)).el("ownerId", Ec2World.ACCOUNT);
          rx.open("groupSet").close("groupSet");
          rx.set("instancesSet", List.of(i), this::instanceXml);
        });
  }

  private void changeState(Ec2Request r, Xml x, boolean stop) {
    List<Instance> list = new ArrayList<>();
    for (String id : r.list("InstanceId")) {
      list.add(instance(r.region(), id));
    }
    List<String[]> changes = new ArrayList<>();
    for (Instance i : list) {
      String before = i.state;
      if (stop) {
        if (i.spot) {
          throw Ec2Error.badRequest(
              "UnsupportedOperation", "You can't stop the Spot Instance '" + i.id + "'");
        }
        if (before.equals("running")) {
          w.enter(i, "stopping");
        } else if (!before.equals("stopping") && !before.equals("stopped")) {
          throw Ec2Error.badRequest(
              "IncorrectInstanceState",
              "This instance '" + i.id + "' is not in a state from which it can be stopped.");
        }
      } else if (!before.equals("terminated") && !before.equals("shutting-down")) {
        w.enter(i, "shutting-down");
      }
      changes.add(new String[] {i.id, before, i.state});
    }
    x.set(
        "instancesSet",
        changes,
        (cx, c) ->
            cx.el("instanceId", c[0])
                .nest("currentState", s -> s.el("code", code(c[2])).el("name", c[2]))
                .nest("previousState", s -> s.el("code", code(c[1])).el("name", c[1])));
  }

  private void modifyAttribute(Ec2Request r, Xml x) {
    Instance i = instance(r.region(), r.get("InstanceId"));
    r.params()
        .forEach(
            (k, v) -> {
              if (k.endsWith(".Value")) {
                i.attributes.put(k.substring(0, k.length() - ".Value".length()), v);
              }
            });
    x.el("return", true);
  }

  private void createLaunchTemplate(Ec2Request r, Xml x) {
    String name = r.get("LaunchTemplateName");
    boolean duplicate =
        w.launchTemplates.values().stream()
            .anyMatch(t -> t.name.equals(name) && t.region.equals(r.region()));
    if (duplicate) {
      throw Ec2Error.badRequest(
          "InvalidLaunchTemplateName.AlreadyExistsException",
          "Launch template name already in use.");
    }
    LaunchTemplate t = new LaunchTemplate();
    t.id = w.newId("lt");
    t.name = name;
    t.region = r.region();
    t.data = r.sub("LaunchTemplateData");
    w.launchTemplates.put(t.id, t);
    x.nest(
        "launchTemplate",
        l ->
            l.el("launchTemplateId", t.id)
                .el("launchTemplateName", t.name)
                .el("defaultVersionNumber", 1)
                .el("latestVersionNumber", 1));
  }

  private LaunchTemplate template(String region, String id, String name) {
    return w.launchTemplates.values().stream()
        .filter(t -> t.region.equals(region) && (t.id.equals(id) || t.name.equals(name)))
        .findFirst()
        .orElseThrow(
            () ->
                Ec2Error.badRequest(
                    "InvalidLaunchTemplateName.NotFoundException",
                    "The specified launch template, with template name "
                        + name
                        + ", does not exist."));
  }

  private void deleteLaunchTemplate(Ec2Request r, Xml x) {
    LaunchTemplate t = template(r.region(), r.get("LaunchTemplateId"), r.get("LaunchTemplateName"));
    w.launchTemplates.remove(t.id);
    x.nest("launchTemplate", l -> l.el("launchTemplateId", t.id).el("launchTemplateName", t.name));
  }

  private void createFleet(Ec2Request r, Xml x) {
    String token = r.get("ClientToken");
    Instance i = token == null ? null : fleetByToken.get(token);
    if (i == null) {
      i = launchFleet(r);
      if (token != null) {
        fleetByToken.put(token, i);
      }
    }
    Instance launched = i;
    String fleetId = "fleet-" + launched.id.substring(2);
    w.fleets.put(fleetId, List.of(launched.id));
    x.el("fleetId", fleetId).open("errorSet").close("errorSet");
    x.set(
        "fleetInstanceSet",
        List.of(launched),
        (fx, inst) ->
            fx.nest("instanceIds", ids -> ids.el("item", inst.id))
                .el("instanceType", inst.instanceType)
                .el("lifecycle", "spot"));
  }

  /** Instances of instant fleets by client token: CreateFleet is idempotent, as in EC2. */
  private final Map<String, Instance> fleetByToken = new LinkedHashMap<>();

  private Instance launchFleet(Ec2Request r) {
    Ec2Request config = r.sub("LaunchTemplateConfigs.1");
    LaunchTemplate t =
        template(
            r.region(),
            config.get("LaunchTemplateSpecification.LaunchTemplateId"),
            config.get("LaunchTemplateSpecification.LaunchTemplateName"));
    String type = config.get("Overrides.1.InstanceType", t.data.get("InstanceType"));
    String subnet = config.get("Overrides.1.SubnetId");
    Map<String, String> params = new LinkedHashMap<>(t.data.params());
    if (subnet != null) {
      params.put("SubnetId", subnet);
    }
    int n = 1;
    for (int i = 1; i <= r.count("TagSpecification"); i++) {
      Ec2Request spec = r.sub("TagSpecification." + i);
      if ("instance".equals(spec.get("ResourceType"))
          || "volume".equals(spec.get("ResourceType"))) {
        int slot = 100 + n++;
        spec.params().forEach((k, v) -> params.put("TagSpecification." + slot + "." + k, v));
      }
    }
    Ec2Request spec = new Ec2Request("CreateFleet", r.region(), params, "", r.accessKeyId());
    return launch(renumberTags(spec), r.region(), type, true);
  }

  /** Makes TagSpecification indexes contiguous again after merging two lists. */
  private static Ec2Request renumberTags(Ec2Request spec) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Integer> renumber = new LinkedHashMap<>();
    spec.params()
        .forEach(
            (k, v) -> {
              if (k.startsWith("TagSpecification.")) {
                String[] parts = k.split("\\.", 3);
                int idx = renumber.computeIfAbsent(parts[1], p -> renumber.size() + 1);
                out.put("TagSpecification." + idx + "." + parts[2], v);
              } else {
                out.put(k, v);
              }
            });
    return new Ec2Request(spec.action(), spec.region(), out, "", spec.accessKeyId());
  }

  private void deleteFleets(Ec2Request r, Xml x) {
    List<String> ids = r.list("FleetId");
    for (String id : ids) {
      List<String> members = w.fleets.remove(id);
      if (members != null && r.flag("TerminateInstances")) {
        members.forEach(
            m -> {
              Instance i = w.instances.get(m);
              if (i != null && !i.isTerminated()) {
                w.enter(i, "shutting-down");
              }
            });
      }
    }
    x.set(
        "successfulFleetDeletionSet",
        ids,
        (fx, id) ->
            fx.el("fleetId", id)
                .el("currentFleetState", "deleted_terminating")
                .el("previousFleetState", "active"));
  }
}
