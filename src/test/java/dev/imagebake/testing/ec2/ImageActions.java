package dev.imagebake.testing.ec2;

import dev.imagebake.testing.ec2.Resources.Image;
import dev.imagebake.testing.ec2.Resources.Instance;
import dev.imagebake.testing.ec2.Resources.Mapping;
import dev.imagebake.testing.ec2.Resources.Snapshot;
import dev.imagebake.testing.ec2.Resources.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Images and snapshots: create, copy, describe, deregister, attributes. */
final class ImageActions {
  private final Ec2World w;
  private final InstanceActions instances;

  ImageActions(Ec2World world, InstanceActions instances) {
    this.w = world;
    this.instances = instances;
  }

  boolean handle(Ec2Request r, Xml x) {
    switch (r.action()) {
      case "DescribeImages" -> describeImages(r, x);
      case "CreateImage" -> createImage(r, x);
      case "CopyImage" -> copyImage(r, x);
      case "DeregisterImage" -> {
        Image image = image(r.region(), r.get("ImageId"));
        w.images.remove(image.id);
        x.el("return", true);
      }
      case "ModifyImageAttribute" -> modifyImage(r, x);
      case "DescribeSnapshots" -> describeSnapshots(r, x);
      case "DeleteSnapshot" -> deleteSnapshot(r, x);
      case "ModifySnapshotAttribute" -> modifySnapshot(r, x);
      default -> {
        return false;
      }
    }
    return true;
  }

  Image image(String region, String id) {
    if (id == null || !id.startsWith("ami-")) {
      throw Ec2Error.badRequest("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\"");
    }
    Image image = w.images.get(id);
    if (image == null || !image.region.equals(region)) {
      throw Ec2Error.badRequest(
          "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
    }
    return image;
  }

  Snapshot snapshot(String region, String id) {
    Snapshot s = w.snapshots.get(id);
    if (s == null || !s.region.equals(region)) {
      throw Ec2Error.badRequest(
          "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
    }
    return s;
  }

  /** {@code prefix.N.DeviceName}, {@code prefix.N.Ebs.*}, {@code prefix.N.NoDevice}. */
  static List<Mapping> mappings(Ec2Request r, String prefix) {
    List<Mapping> list = new ArrayList<>();
    for (int i = 1; i <= r.count(prefix); i++) {
      Ec2Request b = r.sub(prefix + "." + i);
      Mapping m = new Mapping();
      m.deviceName = b.get("DeviceName");
      m.virtualName = b.get("VirtualName");
      m.noDevice = b.get("NoDevice") != null;
      m.snapshotId = b.get("Ebs.SnapshotId");
      m.volumeSize =
          b.get("Ebs.VolumeSize") == null ? null : Integer.valueOf(b.get("Ebs.VolumeSize"));
      m.volumeType = b.get("Ebs.VolumeType");
      m.deleteOnTermination =
          b.get("Ebs.DeleteOnTermination") == null ? null : b.flag("Ebs.DeleteOnTermination");
      m.encrypted = b.get("Ebs.Encrypted") == null ? null : b.flag("Ebs.Encrypted");
      m.kmsKeyId = b.get("Ebs.KmsKeyId");
      m.iops = b.get("Ebs.Iops") == null ? null : Integer.valueOf(b.get("Ebs.Iops"));
      m.throughput =
          b.get("Ebs.Throughput") == null ? null : Integer.valueOf(b.get("Ebs.Throughput"));
      list.add(m);
    }
    return list;
  }

  private void describeImages(Ec2Request r, Xml x) {
    List<String> ids = r.list("ImageId");
    List<Image> found = new ArrayList<>();
    for (String id : ids) {
      found.add(image(r.region(), id));
    }
    if (ids.isEmpty()) {
      w.images.values().stream().filter(i -> i.region.equals(r.region())).forEach(found::add);
    }
    List<String> owners =
        r.list("Owner").stream().map(o -> o.equals("self") ? Ec2World.ACCOUNT : o).toList();
    Map<String, List<String>> filters = r.filters();
    List<Image> matching =
        found.stream()
            .filter(i -> owners.isEmpty() || owners.contains(i.ownerId))
            .filter(
                i ->
                    Filters.match(
                        filters,
                        name ->
                            switch (name) {
                              case "name" -> Filters.of(i.name);
                              case "image-id" -> Filters.of(i.id);
                              case "state" -> Filters.of(i.state);
                              case "owner-id" -> Filters.of(i.ownerId);
                              case "root-device-type" -> Filters.of(i.rootDeviceType);
                              case "virtualization-type" -> Filters.of(i.virtualizationType);
                              case "architecture" -> Filters.of(i.architecture);
                              case "description" -> Filters.of(i.description);
                              case "is-public" -> Filters.of(i.launchGroups.contains("all"));
                              default -> null;
                            },
                        i.tags))
            .toList();
    matching.forEach(w::tick);
    x.set("imagesSet", matching, this::imageXml);
  }

  private void imageXml(Xml x, Image i) {
    x.el("imageId", i.id).el("imageLocation", i.ownerId + "/" + i.name).el("imageState", i.state);
    x.el("imageOwnerId", i.ownerId).el("creationDate", i.creationDate);
    x.el("isPublic", i.launchGroups.contains("all")).el("architecture", i.architecture);
    x.el("imageType", "machine").el("name", i.name).el("description", i.description);
    x.el("rootDeviceType", i.rootDeviceType).el("rootDeviceName", i.rootDeviceName);
    x.el("virtualizationType", i.virtualizationType).el("hypervisor", "xen");
    x.el("enaSupport", i.enaSupport).el("sriovNetSupport", i.sriovNetSupport);
    x.set(
        "blockDeviceMapping",
        i.mappings,
        (b, m) -> {
          b.el("deviceName", m.deviceName).el("virtualName", m.virtualName);
          if (m.virtualName == null) {
            b.nest(
                "ebs",
                e ->
                    e.el("snapshotId", m.snapshotId)
                        .el("volumeSize", m.volumeSize)
                        .el("deleteOnTermination", m.deleteOnTermination)
                        .el("volumeType", m.volumeType)
                        .el("encrypted", m.encrypted));
          }
        });
    x.tagSet(i.tags);
  }

  private void checkName(String region, String name) {
    if (name == null
        || name.length() < 3
        || name.length() > 128
        || !name.matches("[A-Za-z0-9()\\[\\] ./'@_-]+")) {
      throw Ec2Error.badRequest(
          "InvalidAMIName.Malformed", "AMI names must be between 3 and 128 characters long");
    }
    for (Image other : w.images.values()) {
      if (other.region.equals(region)
          && other.ownerId.equals(Ec2World.ACCOUNT)
          && other.name.equals(name)) {
        throw Ec2Error.badRequest(
            "InvalidAMIName.Duplicate",
            "AMI name " + name + " is already in use by AMI " + other.id);
      }
    }
  }

  private void createImage(Ec2Request r, Xml x) {
    Instance inst = instances.instance(r.region(), r.get("InstanceId"));
    if (!inst.state.equals("running") && !inst.state.equals("stopped")) {
      throw Ec2Error.badRequest(
          "InvalidParameterValue", "Instance is not in state 'running' or 'stopped'");
    }
    checkName(r.region(), r.get("Name"));
    Image image = new Image();
    image.id = w.newId("ami");
    image.region = r.region();
    image.name = r.get("Name");
    image.description = r.get("Description");
    image.creationDate = Instant.now().toString();
    image.source = inst.id;
    image.enaSupport = "true".equals(inst.attributes.get("EnaSupport"));
    image.sriovNetSupport = inst.attributes.get("SriovNetSupport");
    Map<String, String> snapshotTags = r.tagSpecification("snapshot");
    for (Mapping m : inst.mappings) {
      Volume v = w.volumes.get(m.volumeId);
      Snapshot s = w.snapshot(r.region(), v == null ? 8 : v.size);
      s.volumeId = m.volumeId;
      s.encrypted = v != null && v.encrypted;
      s.tags.putAll(snapshotTags);
      Mapping im =
          w.mapping(m.deviceName, s.id, s.volumeSize, Boolean.TRUE.equals(m.deleteOnTermination));
      im.encrypted = s.encrypted;
      image.mappings.add(im);
    }
    for (Mapping m : mappings(r, "BlockDeviceMapping")) {
      image.mappings.removeIf(existing -> existing.deviceName.equals(m.deviceName));
      if (m.noDevice) {
        continue;
      }
      if (m.virtualName == null) {
        Snapshot s = w.snapshot(r.region(), m.volumeSize == null ? 8 : m.volumeSize);
        s.encrypted = Boolean.TRUE.equals(m.encrypted);
        s.tags.putAll(snapshotTags);
        m.snapshotId = s.id;
        m.volumeSize = s.volumeSize;
      }
      image.mappings.add(m);
    }
    image.tags.putAll(r.tagSpecification("image"));
    w.enter(image, "pending");
    w.images.put(image.id, image);
    x.el("imageId", image.id);
  }

  private void copyImage(Ec2Request r, Xml x) {
    String token = r.get("ClientToken");
    Image existing =
        token == null
            ? null
            : w.images.values().stream()
                .filter(i -> token.equals(i.clientToken) && i.region.equals(r.region()))
                .findFirst()
                .orElse(null);
    if (existing != null) {
      x.el("imageId", existing.id);
      return;
    }
    Image source = image(r.get("SourceRegion", r.region()), r.get("SourceImageId"));
    if (!source.state.equals("available")) {
      throw Ec2Error.badRequest(
          "IncorrectState", "Image " + source.id + " is not in the available state");
    }
    checkName(r.region(), r.get("Name"));
    Image copy = new Image();
    copy.id = w.newId("ami");
    copy.region = r.region();
    copy.name = r.get("Name");
    copy.description = r.get("Description", source.description);
    copy.source = source.id;
    copy.encrypted = r.flag("Encrypted") || source.encrypted;
    copy.kmsKeyId = r.get("KmsKeyId");
    copy.clientToken = token;
    copy.enaSupport = source.enaSupport;
    copy.sriovNetSupport = source.sriovNetSupport;
    for (Mapping m : source.mappings) {
      Mapping cm =
          w.mapping(
              m.deviceName,
              null,
              m.volumeSize == null ? 8 : m.volumeSize,
              Boolean.TRUE.equals(m.deleteOnTermination));
      cm.virtualName = m.virtualName;
      if (m.virtualName == null) {
        Snapshot s = w.snapshot(r.region(), cm.volumeSize);
        s.encrypted = copy.encrypted || Boolean.TRUE.equals(m.encrypted);
        s.kmsKeyId = copy.kmsKeyId;
        cm.snapshotId = s.id;
        cm.encrypted = s.encrypted;
      }
      copy.mappings.add(cm);
    }
    if (r.flag("CopyImageTags")) {
      copy.tags.putAll(source.tags);
    }
    w.enter(copy, "pending");
    w.images.put(copy.id, copy);
    x.el("imageId", copy.id);
  }

  private void modifyImage(Ec2Request r, Xml x) {
    Image image = image(r.region(), r.get("ImageId"));
    if (r.get("Description.Value") != null) {
      image.description = r.get("Description.Value");
    }
    for (int i = 1; i <= r.count("LaunchPermission.Add"); i++) {
      Ec2Request p = r.sub("LaunchPermission.Add." + i);
      if (p.get("UserId") != null) image.launchUserIds.add(p.get("UserId"));
      if (p.get("Group") != null) image.launchGroups.add(p.get("Group"));
    }
    if ("launchPermission".equals(r.get("Attribute")) && "add".equals(r.get("OperationType"))) {
      image.launchUserIds.addAll(r.list("UserId"));
      image.launchGroups.addAll(r.list("UserGroup"));
    }
    image.productCodes.addAll(r.list("ProductCode"));
    x.el("return", true);
  }

  private void describeSnapshots(Ec2Request r, Xml x) {
    List<String> ids = r.list("SnapshotId");
    List<Snapshot> found = new ArrayList<>();
    for (String id : ids) {
      found.add(snapshot(r.region(), id));
    }
    if (ids.isEmpty()) {
      w.snapshots.values().stream().filter(s -> s.region.equals(r.region())).forEach(found::add);
    }
    Map<String, List<String>> filters = r.filters();
    List<Snapshot> matching =
        found.stream()
            .filter(
                s ->
                    Filters.match(
                        filters,
                        name ->
                            switch (name) {
                              case "snapshot-id" -> Filters.of(s.id);
                              case "volume-id" -> Filters.of(s.volumeId);
                              case "status" -> Filters.of(s.state);
                              default -> null;
                            },
                        s.tags))
            .toList();
    x.set(
        "snapshotSet",
        matching,
        (sx, s) ->
            sx.el("snapshotId", s.id)
                .el("volumeId", s.volumeId)
                .el("status", s.state)
                .el("ownerId", Ec2World.ACCOUNT)
                .el("volumeSize", s.volumeSize)
                .el("encrypted", s.encrypted)
                .el("kmsKeyId", s.kmsKeyId)
                .tagSet(s.tags));
  }

  private void deleteSnapshot(Ec2Request r, Xml x) {
    Snapshot s = snapshot(r.region(), r.get("SnapshotId"));
    for (Image image : w.images.values()) {
      for (Mapping m : image.mappings) {
        if (s.id.equals(m.snapshotId)) {
          throw Ec2Error.badRequest(
              "InvalidSnapshot.InUse",
              "The snapshot " + s.id + " is currently in use by " + image.id);
        }
      }
    }
    w.snapshots.remove(s.id);
    x.el("return", true);
  }

  private void modifySnapshot(Ec2Request r, Xml x) {
    Snapshot s = snapshot(r.region(), r.get("SnapshotId"));
    for (int i = 1; i <= r.count("CreateVolumePermission.Add"); i++) {
      Ec2Request p = r.sub("CreateVolumePermission.Add." + i);
      if (p.get("UserId") != null) s.createVolumeUserIds.add(p.get("UserId"));
      if (p.get("Group") != null) s.createVolumeGroups.add(p.get("Group"));
    }
    if ("add".equals(r.get("OperationType"))) {
      s.createVolumeUserIds.addAll(r.list("UserId"));
      s.createVolumeGroups.addAll(r.list("UserGroup"));
    }
    x.el("return", true);
  }
}
