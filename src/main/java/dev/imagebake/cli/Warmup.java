package dev.imagebake.cli;

import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-up work that does not depend on the command line, done on a second core while picocli
 * parses the arguments and the template is read: Jackson's shared mapper, the JSON Schema machinery
 * and the plugin registry are each a large one-time cost of class loading and static
 * initialisation. Nothing here has a result anyone waits for; the real work repeats whatever the
 * warm-up has not reached yet.
 */
final class Warmup {
  private Warmup() {}

  static void start() {
    Thread t = new Thread(Warmup::run, "imagebake-warmup");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      JsonMapper.shared();
      PluginRegistry registry = PluginRegistry.load();
      List<Class<? extends Record>> types = new ArrayList<>();
      registry.builder("null").ifPresent(f -> types.add(f.configType()));
      new ConfigBinder().precompile(types);
    } catch (RuntimeException e) {
      // A warm-up that fails costs nothing: the command does the same work and reports.
    }
  }
}
