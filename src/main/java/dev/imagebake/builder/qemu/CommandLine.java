package dev.imagebake.builder.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The QEMU command line: the builder's defaults (Packer's, except that the SSH forward listens on
 * 127.0.0.1 only, the display is off when headless, VNC is never started, the serial console goes
 * to a file, and the builder's own QMP socket, added last, is used for the boot command), merged
 * with {@code qemuargs}.
 */
final class CommandLine {
  /**
   * What the defaults depend on besides the config.
   *
   * @param disk the disk being built
   * @param iso the ISO to boot from, or null (disk_image)
   * @param cd the CD made from cd_files, or null
   * @param accelerator the accelerator chosen
   * @param hostPort the forwarded host port, or 0 for no forward
   * @param guestPort the guest's SSH port
   * @param qmpSocket the builder's own QMP socket
   * @param serialLog where the serial console goes
   * @param userQmpSocket qmp_socket_path when qmp_enable, else null
   */
  record Inputs(
      String vmName,
      Path disk,
      Path iso,
      Path cd,
      String accelerator,
      int hostPort,
      int guestPort,
      Path qmpSocket,
      Path serialLog,
      Path userQmpSocket) {}

  private CommandLine() {}

  static Map<String, List<String>> defaults(QemuConfig c, Inputs in) {
    Map<String, List<String>> args = new LinkedHashMap<>();
    args.put("-name", List.of(in.vmName()));
    String machine = c.machineType() == null || c.machineType().isEmpty() ? "pc" : c.machineType();
    args.put("-machine", List.of("type=" + machine + ",accel=" + in.accelerator()));
    args.put("-m", List.of((c.memory() == null || c.memory() <= 0 ? 512 : c.memory()) + "M"));
    if (c.cpus() != null && c.cpus() > 1) {
      args.put("-smp", List.of("cpus=" + c.cpus() + ",sockets=" + c.cpus()));
    }
    String netdev = "user,id=user.0";
    if (in.hostPort() > 0) {
      netdev += ",hostfwd=tcp:127.0.0.1:" + in.hostPort() + "-:" + in.guestPort();
    }
    args.put("-netdev", List.of(netdev));
    String netDevice = blank(c.netDevice()) ? "virtio-net" : c.netDevice();
    List<String> devices = new ArrayList<>(List.of(netDevice + ",netdev=user.0"));
    List<String> drives = new ArrayList<>();
    String iface = blank(c.diskInterface()) ? "virtio" : c.diskInterface();
    String disk =
        "file="
            + in.disk()
            + ",cache="
            + orDefault(c.diskCache(), "writeback")
            + ",discard="
            + orDefault(c.diskDiscard(), "ignore")
            + ",format="
            + c.formatOrDefault();
    String zeroes = orDefault(c.diskDetectZeroes(), "off");
    if (!zeroes.equals("off")) {
      disk += ",detect-zeroes=" + zeroes;
    }
    if (iface.equals("virtio-scsi")) {
      devices.add("virtio-scsi-pci,id=scsi0");
      devices.add("scsi-hd,bus=scsi0.0,drive=drive0");
      drives.add(disk + ",if=none,id=drive0");
    } else {
      drives.add(disk + ",if=" + iface);
    }
    String cdIf = blank(c.cdromInterface()) ? "" : ",if=" + c.cdromInterface();
    if (in.iso() != null) {
      drives.add("file=" + in.iso() + ",media=cdrom" + cdIf);
    }
    if (in.cd() != null) {
      drives.add("file=" + in.cd() + ",media=cdrom" + cdIf);
    }
    args.put("-device", devices);
    args.put("-drive", drives);
    args.put("-boot", List.of(in.iso() != null ? "once=d" : "c"));
    if (Boolean.TRUE.equals(c.headless())) {
      args.put("-display", List.of("none"));
    } else if (!Boolean.TRUE.equals(c.useDefaultDisplay())) {
      args.put("-display", List.of(blank(c.display()) ? "gtk" : c.display()));
    }
    if (!blank(c.firmware())) {
      args.put("-bios", List.of(c.firmware()));
    }
    args.put("-serial", List.of("file:" + in.serialLog()));
    if (in.userQmpSocket() != null) {
      args.put("-qmp", List.of(qmpServer(in.userQmpSocket())));
    }
    return args;
  }

  /** The whole command: binary, defaults merged with the rendered {@code qemuargs}. */
  static List<String> build(QemuConfig c, Inputs in, UnaryOperator<String> render) {
    List<String> command = new ArrayList<>(List.of(c.binary()));
    command.addAll(QemuArgs.merge(defaults(c, in), QemuArgs.raw(c.qemuargs()), render));
    // The builder's own QMP socket comes last, so a -qmp in qemuargs does not replace it.
    command.addAll(List.of("-qmp", qmpServer(in.qmpSocket())));
    return command;
  }

  private static String qmpServer(Path socket) {
    return "unix:" + socket + ",server=on,wait=off";
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static String orDefault(String s, String def) {
    return blank(s) ? def : s;
  }
}
