package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.StateBag;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code {{ .Field }}} data of {@code qemuargs} and {@code boot_command}: {@code HTTPIP},
 * {@code HTTPPort}, {@code HTTPDir}, {@code OutputDir}, {@code Name}, {@code SSHHostPort}.
 */
final class TemplateFields {
  /** The host as the guest sees it on QEMU's user-mode network. */
  static final String GUEST_GATEWAY = "10.0.2.2";

  private TemplateFields() {}

  static Map<String, Object> of(StateBag state, String vmName, String httpDir) {
    Map<String, Object> fields = new LinkedHashMap<>();
    int httpPort = state.find(QemuState.HTTP).map(HttpFiles::port).orElse(0);
    fields.put("HTTPIP", GUEST_GATEWAY);
    fields.put("HTTPPort", httpPort);
    fields.put("HTTPDir", httpDir == null ? "" : httpDir);
    fields.put("OutputDir", state.find(QemuState.OUTPUT_DIR).map(Path::toString).orElse(""));
    fields.put("Name", vmName);
    fields.put("SSHHostPort", state.find(QemuState.HOST_PORT).orElse(0));
    return fields;
  }
}
