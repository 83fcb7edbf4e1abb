package dev.imagebake.builder.qemu;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.Blocks;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.PluginRegistry;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.TestRenderers;
import java.nio.file.Path;
import java.util.Map;

/** Binds qemu blocks the way {@code validate} does, for tests. */
final class QemuConfigs {
  private QemuConfigs() {}

  /** Binds {@code {"builders": [BLOCK]}} with {@code dir} as the working directory. */
  static BindResult<QemuConfig> bind(Path dir, String block) {
    return bind(dir, block, Map.of("PATH", System.getenv("PATH")));
  }

  /** Binds {@code {"builders": [BLOCK]}} with {@code environment} as the build's environment. */
  static BindResult<QemuConfig> bind(Path dir, String block, Map<String, String> environment) {
    String json = "{\"builders\": [" + block + "]}";
    return new ConfigBinder(
            dir, dir.resolve("home"), environment, PluginRegistry.load()::communicator)
        .bind(
            new QemuBuilderFactory(),
            Blocks.at(json, "/builders/0"),
            "/builders/0",
            TestLocations.of(json),
            TestRenderers.variables(Map.of()));
  }

  /** Binds a block that must be valid. */
  static QemuConfig valid(Path dir, String block) {
    BindResult<QemuConfig> r = bind(dir, block);
    if (r.config() == null
        || r.diagnostics().stream().anyMatch(d -> d.severity().name().equals("ERROR"))) {
      throw new AssertionError("invalid: " + r.diagnostics());
    }
    return r.config();
  }
}
