package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.OneOf;
import dev.imagebake.sdk.config.RenderLater;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The {@code qemu} block (reference §5.4); all keys flat in the block, as in Packer. */
@Doc("Builds a disk image by booting it under QEMU, provisioning it over SSH and shutting it down.")
public record QemuConfig(
    @Embedded IsoConfig iso,
    @Embedded HttpConfig http,
    @Embedded BootConfig boot,
    @Embedded MediaConfig media,
    @Doc(
            "Accelerator: kvm (default when /dev/kvm works, else tcg), tcg, xen, hax, hvf, whpx or"
                + " none. An unusable kvm falls back to tcg.")
        @OneOf({"kvm", "tcg", "xen", "hax", "hvf", "whpx", "none"})
        String accelerator,
    @Doc("Number of virtual CPUs (default 1).") Integer cpus,
    @Doc("Memory in MiB (default 512).") Integer memory,
    @Doc(
            "Size of the disk: a number of MiB, or digits with b, k, m, g or t (e.g. 10G); default"
                + " 40960M. With disk_image the copied disk is grown to it.")
        String diskSize,
    @Doc("Not supported by imagebake yet.") List<String> diskAdditionalSize,
    @Doc("How the disk is attached: virtio (default), ide, scsi or virtio-scsi.")
        @OneOf({"virtio", "ide", "scsi", "virtio-scsi"})
        String diskInterface,
    @Doc("Disk cache mode (default writeback).")
        @OneOf({"writethrough", "writeback", "none", "unsafe", "directsync"})
        String diskCache,
    @Doc("Disk discard mode (default ignore).") @OneOf({"unmap", "ignore"}) String diskDiscard,
    @Doc("Disk detect-zeroes mode (default off).") @OneOf({"unmap", "on", "off"})
        String diskDetectZeroes,
    @Doc("iso_url is a disk image to copy and boot instead of an ISO to install from.")
        Boolean diskImage,
    @Doc("With disk_image and qcow2: the output disk is an overlay on the source image.")
        Boolean useBackingFile,
    @Doc("With disk_image: keep the copied disk's size instead of growing it to disk_size.")
        Boolean skipResizeDisk,
    @Doc("Output disk format: qcow2 (default) or raw.") @OneOf({"qcow2", "raw"}) String format,
    @Doc("Network card model (default virtio-net).") String netDevice,
    @Doc("Not supported by imagebake yet (bridged networking).") String netBridge,
    @Doc("How the CD drives are attached (default: QEMU's, ide).") String cdromInterface,
    @Doc("Machine type (default pc).") String machineType,
    @Doc("Firmware file, passed as -bios.") String firmware,
    @Doc("QEMU program (default qemu-system-x86_64).") String qemuBinary,
    @Doc(
            "Extra QEMU arguments, a list of argument lists such as [[\"-m\", \"1024M\"]]; a flag"
                + " given here replaces the builder's default for it. Rendered with {{ .HTTPIP }},"
                + " {{ .HTTPPort }}, {{ .HTTPDir }}, {{ .OutputDir }}, {{ .Name }}, {{"
                + " .SSHHostPort }}.")
        @RenderLater
        JsonNode qemuargs,
    @Doc("Extra arguments for qemu-img convert, create and resize.") QemuImgArgs qemuImgArgs,
    @Doc("Run without a window (-display none). VNC is never started by imagebake.")
        Boolean headless,
    @Doc("QEMU display backend when not headless (default gtk).") String display,
    @Doc("Let QEMU choose the display (no -display argument).") Boolean useDefaultDisplay,
    @Doc("Directory of the image; must not exist unless -force (default output-<build name>).")
        String outputDirectory,
    @Doc("File name of the disk in output_directory (default packer-<build name>).") String vmName,
    @Doc("Do not rewrite the qcow2 disk after the build (always skipped for raw).")
        Boolean skipCompaction,
    @Doc("Compress the qcow2 disk after the build (qemu-img convert -c).") Boolean diskCompression,
    @Doc("Lowest host port for the SSH port forward (default 2222).") Integer hostPortMin,
    @Doc("Highest host port for the SSH port forward (default 4444).") Integer hostPortMax,
    @Doc("Older name of host_port_min.") Integer sshHostPortMin,
    @Doc("Older name of host_port_max.") Integer sshHostPortMax,
    @Doc("No SSH port forward: connect to ssh_host:ssh_port directly.") Boolean skipNatMapping,
    @Doc("Command that halts the guest; without it the VM is stopped by killing QEMU.")
        String shutdownCommand,
    @Doc("How long to wait for QEMU to exit after shutdown_command (default 5m).")
        Duration shutdownTimeout,
    @Doc("Open a QMP socket (qmp_socket_path).") Boolean qmpEnable,
    @Doc("Path of the QMP socket (default <output_directory>/<vm_name>.monitor).")
        String qmpSocketPath,
    @Doc("Boot from the ISO only once (-boot once=d); imagebake always does for ISOs.")
        Boolean runOnce,
    @Embedded CommunicatorConfig comm)
    implements UsesCommunicator {

  static final String DEFAULT_DISK_SIZE = "40960M";

  String formatOrDefault() {
    return format == null || format.isEmpty() ? "qcow2" : format;
  }

  boolean diskImageOrFalse() {
    return Boolean.TRUE.equals(diskImage);
  }

  boolean backingFile() {
    return Boolean.TRUE.equals(useBackingFile);
  }

  String diskSizeOrDefault() {
    return diskSize == null || diskSize.isEmpty() ? DEFAULT_DISK_SIZE : diskSize;
  }

  int hostPortLow() {
    return sshHostPortMin != null ? sshHostPortMin : hostPortMin != null ? hostPortMin : 2222;
  }

  int hostPortHigh() {
    return sshHostPortMax != null ? sshHostPortMax : hostPortMax != null ? hostPortMax : 4444;
  }

  Duration shutdownTimeoutOrDefault() {
    return shutdownTimeout == null ? Duration.ofMinutes(5) : shutdownTimeout;
  }

  String binary() {
    return qemuBinary == null || qemuBinary.isEmpty() ? "qemu-system-x86_64" : qemuBinary;
  }

  /** Compaction is skipped for raw disks and overlays, as in Packer. */
  boolean convertAfterBuild() {
    boolean skip =
        Boolean.TRUE.equals(skipCompaction) || formatOrDefault().equals("raw") || backingFile();
    boolean compress = Boolean.TRUE.equals(diskCompression) && formatOrDefault().equals("qcow2");
    return !skip || compress;
  }

  QemuImgArgs imgArgs() {
    return qemuImgArgs == null ? new QemuImgArgs(null, null, null) : qemuImgArgs;
  }
}
