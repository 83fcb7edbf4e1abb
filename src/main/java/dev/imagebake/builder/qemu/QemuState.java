package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.StateKey;
import dev.imagebake.sdk.steps.StateKeys;
import java.nio.file.Path;

/** What the qemu builder's steps pass to each other. */
final class QemuState {
  /** Private files of the build (logs, sockets, the seed CD); removed at the end. */
  static final StateKey<Path> TEMP_DIR = StateKey.of("qemu temporary directory", Path.class);

  /** The verified ISO, or with disk_image the base disk. */
  static final StateKey<Path> SOURCE = StateKey.of("qemu source image", Path.class);

  /** The output directory, once this build created it. */
  static final StateKey<Path> OUTPUT_DIR = StateKey.of("qemu output directory", Path.class);

  /** The disk being built, inside the output directory. */
  static final StateKey<Path> DISK = StateKey.of("qemu disk", Path.class);

  /** The CD made from cd_files. */
  static final StateKey<Path> CD = StateKey.of("qemu cd", Path.class);

  /** The HTTP server for http_directory/http_content. */
  static final StateKey<HttpFiles> HTTP = StateKey.of("qemu http server", HttpFiles.class);

  /** The host port forwarded to the guest's SSH port (or ssh_port with skip_nat_mapping). */
  static final StateKey<Integer> HOST_PORT = StateKey.of("qemu forwarded port", Integer.class);

  /** The accelerator QEMU runs with. */
  static final StateKey<String> ACCELERATOR = StateKey.of("qemu accelerator", String.class);

  /** The running VM. */
  static final StateKey<VmProcess> VM = StateKey.of("qemu process", VmProcess.class);

  /** The QMP socket the builder types the boot command through. */
  static final StateKey<Path> QMP_SOCKET = StateKey.of("qemu qmp socket", Path.class);

  /** Set by the last step: the cleanups keep the output directory. */
  static final StateKey<Boolean> SUCCEEDED = StateKeys.SUCCEEDED;

  private QemuState() {}
}
