package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Resource;
import java.nio.file.Path;
import java.time.Duration;

/** What a qemu build records with {@code ctx.resources()}: its QEMU process and directories. */
final class QemuResources {
  /** How long QEMU gets to exit on SIGTERM when the cleanups are skipped, before SIGKILL. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(1);

  private QemuResources() {}

  static Resource process(VmProcess vm) {
    return new Resource("QEMU process", Long.toString(vm.pid()), "", "kill " + vm.pid());
  }

  /** Ends QEMU when the cleanups are skipped: the VM must not run on unseen. */
  static Runnable kill(VmProcess vm) {
    return () -> {
      if (!vm.stop(KILL_GRACE)) {
        throw new IllegalStateException("QEMU (process " + vm.pid() + ") is still running");
      }
    };
  }

  static Resource directory(Path dir) {
    Path abs = dir.toAbsolutePath();
    return new Resource("directory", abs.toString(), "", "rm -rf '" + abs + "'");
  }
}
