package dev.imagebake.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes what the build records for a fast start-up next to the compiled classes: the plugin index
 * ({@link PluginRegistry#INDEX}), read instead of creating every plugin's factory, and the config
 * records' annotations ({@link ConfigAnnotations#INDEX}), read instead of reflection. Run by the
 * build (pom.xml) after compiling; not a command.
 */
final class StartupIndexes {
  private StartupIndexes() {}

  /**
   * @param args the class output directory
   */
  public static void main(String[] args) throws IOException {
    Path classes = Path.of(args[0]);
    PluginRegistry plugins = PluginRegistry.loadServices();
    plugins.writeIndex(classes.resolve(PluginRegistry.INDEX));
    ConfigAnnotations.writeIndex(plugins, classes.resolve(ConfigAnnotations.INDEX));
  }
}
