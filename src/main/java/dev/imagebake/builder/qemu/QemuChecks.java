package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.go.GoStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Packer's {@code Prepare} checks of the qemu block, offline and with Packer's messages where it
 * has them; plus what imagebake can know before a build (missing local files, no CD tool).
 */
final class QemuChecks {
  static final Set<String> NET_DEVICES =
      Set.of(
          "ne2k_pci",
          "i82551",
          "i82557b",
          "i82559er",
          "rtl8139",
          "e1000",
          "pcnet",
          "virtio",
          "virtio-net",
          "virtio-net-pci",
          "usb-net",
          "i82559a",
          "i82559b",
          "i82559c",
          "i82550",
          "i82562",
          "i82557a",
          "i82557c",
          "i82801",
          "vmxnet3",
          "i82558a",
          "i82558b",
          "ne2k_isa",
          "e1000-82544gc",
          "e1000-82545em",
          "e1000e");

  void check(QemuConfig c, ConfigCheck check) {
    checkIso(c.iso(), check);
    checkDisk(c, check);
    checkPorts(c, check);
    checkHttp(c.http(), check);
    checkBoot(c.boot(), check);
    checkMedia(c.media(), check);
    QemuArgs.check(c.qemuargs(), check);
    if (c.netDevice() != null && !c.netDevice().isEmpty() && !NET_DEVICES.contains(c.netDevice())) {
      check.error("net_device", "unrecognized network device type");
    }
    unsupported(c.netBridge() != null && !c.netBridge().isEmpty(), "net_bridge", check);
    unsupported(nonEmpty(c.diskAdditionalSize()), "disk_additional_size", check);
    if (c.memory() != null && c.memory() < 0) {
      check.error("memory", "memory must be positive");
    }
    if (c.cpus() != null && c.cpus() < 0) {
      check.error("cpus", "cpus must be positive");
    }
    if (!onPath(c.binary(), check)) {
      check.warn(
          "qemu_binary",
          "Failed creating Qemu driver: exec: \""
              + c.binary()
              + "\": executable file not found in $PATH");
    }
  }

  private void checkIso(IsoConfig iso, ConfigCheck check) {
    deprecatedChecksumKeys(iso, check);
    boolean single = iso.isoUrl() != null && !iso.isoUrl().isEmpty();
    boolean many = nonEmpty(iso.isoUrls());
    if (single && many) {
      check.error("iso_urls", "Only one of iso_url or iso_urls must be specified");
    } else if (!single && !many) {
      check.error("One of iso_url or iso_urls must be specified");
    } else {
      checkUrls(iso.urls(), single ? "iso_url" : "iso_urls", iso.checksum(), check);
    }
    try {
      IsoChecksum sum = IsoChecksum.parse(iso.checksum());
      if (sum instanceof IsoChecksum.None) {
        check.warn(
            "iso_checksum",
            "A checksum of 'none' was specified. Since ISO files are so big,\n"
                + "a checksum is highly recommended.");
      } else if (sum instanceof IsoChecksum.FromFile f) {
        checkChecksumFile(f.location(), iso.checksum(), check);
      }
    } catch (IllegalArgumentException e) {
      check.error("iso_checksum", e.getMessage());
    }
  }

  /**
   * Packer parses the first URL with Go's URL parser unless the checksum is none, and fails with
   * {@code url parse: <Go's error>}; it skips any other URL it cannot parse when it builds, which
   * is worth a warning. Beyond Packer, at least one URL must be usable: http(s), or a local file
   * that exists.
   */
  private static void checkUrls(List<String> urls, String key, String checksum, ConfigCheck check) {
    boolean many = key.equals("iso_urls");
    boolean checkedByPacker = !"none".equalsIgnoreCase(checksum);
    String firstProblem = null;
    boolean usable = false;
    for (int i = 0; i < urls.size(); i++) {
      String at = many ? key + "/" + i : key;
      String problem;
      try {
        GoUrl url = GoUrl.parse(urls.get(i));
        problem = unusable(url, check);
      } catch (GoUrl.InvalidUrlException e) {
        problem = "url parse: " + e.getMessage();
        if (i == 0 && checkedByPacker) {
          check.error(at, problem);
          return;
        }
        if (urls.size() > 1) {
          check.warn(at, problem + " (Packer skips this URL when it builds)");
        }
      }
      usable |= problem == null;
      if (firstProblem == null) {
        firstProblem = problem;
      }
    }
    if (!usable) {
      check.error(key, firstProblem);
    }
  }

  /** Why a parsed ISO URL cannot work, or null when it can. */
  private static String unusable(GoUrl url, ConfigCheck check) {
    if (url.isHttp()) {
      return null;
    }
    if (!url.isLocal()) {
      return "download not supported for scheme '" + url.scheme() + "'";
    }
    if (url.localPath().isEmpty()) {
      // "" resolves to the working directory; "the file <folder> does not exist" misled users.
      return "the ISO path must not be empty";
    }
    Path file = check.resolve(url.localPath());
    return Files.isRegularFile(file) ? null : "the file " + file + " does not exist";
  }

  /**
   * Packer fetches a {@code file:} checksum list when it validates; offline, a local one must
   * exist.
   */
  private static void checkChecksumFile(String location, String checksum, ConfigCheck check) {
    GoUrl url;
    try {
      url = GoUrl.parse(location);
    } catch (GoUrl.InvalidUrlException e) {
      check.error("iso_checksum", e.getMessage() + " in " + GoStrings.quote(checksum));
      return;
    }
    if (url.isLocal()) {
      Path file = check.resolve(url.localPath());
      if (!Files.isRegularFile(file)) {
        check.error("iso_checksum", "the checksum file " + file + " does not exist");
      }
    } else if (!url.isHttp()) {
      check.error("iso_checksum", "download not supported for scheme '" + url.scheme() + "'");
    }
  }

  private static void deprecatedChecksumKeys(IsoConfig iso, ConfigCheck check) {
    if (iso.isoChecksumType() != null && !iso.isoChecksumType().isEmpty()) {
      check.warn(
          "iso_checksum_type",
          "iso_checksum_type is deprecated: write the type into iso_checksum (\"sha256:...\")"
              + " or use \"none\"");
    }
    if (iso.isoChecksumUrl() != null && !iso.isoChecksumUrl().isEmpty()) {
      check.warn(
          "iso_checksum_url",
          "iso_checksum_url is deprecated: use iso_checksum \"file:" + iso.isoChecksumUrl() + "\"");
    }
  }

  private static void checkDisk(QemuConfig c, ConfigCheck check) {
    if (c.backingFile()) {
      if (!c.formatOrDefault().equals("qcow2")) {
        check.error("use_backing_file", "use_backing_file can only be enabled for QCOW2 images");
      }
      if (!c.diskImageOrFalse()) {
        check.error(
            "use_backing_file",
            "use_backing_file can only be enabled when disk_image is set to true");
      }
    }
    try {
      DiskSize.parse(c.diskSize());
    } catch (IllegalArgumentException e) {
      check.error("disk_size", e.getMessage());
    }
  }

  private static void checkPorts(QemuConfig c, ConfigCheck check) {
    sameSetting("ssh_host_port_min", c.sshHostPortMin(), "host_port_min", c.hostPortMin(), check);
    sameSetting("ssh_host_port_max", c.sshHostPortMax(), "host_port_max", c.hostPortMax(), check);
    String min = c.sshHostPortMin() != null ? "ssh_host_port_min" : "host_port_min";
    String max = c.sshHostPortMax() != null ? "ssh_host_port_max" : "host_port_max";
    range(min, c.hostPortLow(), max, c.hostPortHigh(), check);
    BootConfig b = c.boot();
    if (b.vncPortMin() != null || b.vncPortMax() != null) {
      range(
          "vnc_port_min",
          b.vncPortMin() == null ? 5900 : b.vncPortMin(),
          "vnc_port_max",
          b.vncPortMax() == null ? 6000 : b.vncPortMax(),
          check);
    }
  }

  private static void sameSetting(
      String oldKey, Integer oldValue, String newKey, Integer newValue, ConfigCheck check) {
    if (oldValue != null && newValue != null && !oldValue.equals(newValue)) {
      check.error(oldKey, oldKey + " is the older name of " + newKey + "; give only one of them");
    }
  }

  private static void range(String minKey, int min, String maxKey, int max, ConfigCheck check) {
    if (min < 0 || min > 65535) {
      check.error(minKey, minKey + " must be positive");
    }
    if (max < 0 || max > 65535) {
      check.error(maxKey, maxKey + " must be positive");
    }
    if (min > max) {
      check.error(minKey, minKey + " must be less than " + maxKey);
    }
  }

  private static void checkHttp(HttpConfig http, ConfigCheck check) {
    boolean dir = http.httpDirectory() != null && !http.httpDirectory().isEmpty();
    if (dir && http.httpContent() != null && !http.httpContent().isEmpty()) {
      check.error("http_content", "Only one of http_directory or http_content can be set");
    }
    if (dir && !Files.isDirectory(check.resolve(http.httpDirectory()))) {
      check.error(
          "http_directory",
          "http_directory " + check.resolve(http.httpDirectory()) + " is not a directory");
    }
    if (http.httpPortMin() != null || http.httpPortMax() != null) {
      range("http_port_min", http.portMin(), "http_port_max", http.portMax(), check);
    }
  }

  private static void checkBoot(BootConfig boot, ConfigCheck check) {
    List<String> commands = boot.commands();
    for (int i = 0; i < commands.size(); i++) {
      // Template actions are rendered at run time; check the literal text around them.
      String literal = commands.get(i).replaceAll("\\{\\{.*?}}", "");
      try {
        BootCommand.parse(literal);
      } catch (IllegalArgumentException e) {
        check.error("boot_command/" + i, "Error parsing boot_command: " + e.getMessage());
      }
    }
  }

  private void checkMedia(MediaConfig media, ConfigCheck check) {
    List<String> files = media.cdEntries();
    for (int i = 0; i < files.size(); i++) {
      String entry = files.get(i);
      try {
        if (StepCreateCd.expand(check.resolve("."), entry).isEmpty()) {
          check.error(
              "cd_files/" + i,
              "Bad CD disk file '" + entry + "': stat " + entry + ": no such file or directory");
        }
      } catch (IOException e) {
        check.error("cd_files/" + i, "Bad CD disk file '" + entry + "': " + e.getMessage());
      }
    }
    // Only a build writes the ISO (Packer validates without looking for the tool), so a machine
    // that merely validates (CI) need not have one: a warning.
    if (!files.isEmpty() && StepCreateCd.findTool(check.environment("PATH")) == null) {
      check.warn(
          "cd_files",
          "could not find a supported CD ISO creation command (the supported commands are:"
              + " xorriso, mkisofs, genisoimage)");
    }
    unsupported(nonEmpty(media.floppyFiles()), "floppy_files", check);
    unsupported(nonEmpty(media.floppyDirs()), "floppy_dirs", check);
  }

  private static void unsupported(boolean set, String key, ConfigCheck check) {
    if (set) {
      check.error(
          key,
          key
              + " is not supported by imagebake yet"
              + (key.startsWith("floppy") ? "; cd_files can carry the same files" : ""));
    }
  }

  private static boolean onPath(String binary, ConfigCheck check) {
    if (binary.contains("/")) {
      return Files.isExecutable(Path.of(binary));
    }
    String path = check.environment("PATH");
    for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  private static boolean nonEmpty(List<?> list) {
    return list != null && !list.isEmpty();
  }
}
