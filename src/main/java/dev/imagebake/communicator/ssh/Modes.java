package dev.imagebake.communicator.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Unix permission bits to and from {@link PosixFilePermission}s. */
final class Modes {
  private static final PosixFilePermission[] ORDER = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ,
  };

  /** The process's umask (Linux tells it in /proc/self/status), or the usual 022. */
  private static final int UMASK = readUmask();

  private Modes() {}

  /**
   * The local mode of a downloaded file whose remote mode is {@code remoteMode}: the permission
   * bits less the local umask, as {@code scp} and {@code tar} give an ordinary user. No setuid,
   * setgid or sticky bit, and nothing the umask forbids (world-writable), whatever the machine
   * sent.
   */
  static int local(int remoteMode) {
    return remoteMode & 0777 & ~UMASK;
  }

  private static int readUmask() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring("Umask:".length()).strip(), 8) & 0777;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or a kernel before 4.7: assume the common default.
    }
    return 022;
  }

  static int fromPermissions(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (int bit = 0; bit < ORDER.length; bit++) {
      if (perms.contains(ORDER[bit])) {
        mode |= 1 << bit;
      }
    }
    return mode;
  }

  static Set<PosixFilePermission> toPermissions(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < ORDER.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        perms.add(ORDER[bit]);
      }
    }
    return perms;
  }
}
