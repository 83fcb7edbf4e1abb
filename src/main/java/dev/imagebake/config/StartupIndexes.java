package dev.imagebake.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what the build records for a fast start-up next to the compiled classes: the plugin index
 * ({@link PluginRegistry#INDEX}), read instead of creating every plugin's factory, and the config
 * records' annotations ({@link ConfigAnnotations#INDEX}), read instead of reflection. Run by the
 * build (pom.xml) after compiling, on the class path of the packaged jar (the classes and the
 * runtime dependencies); not a command.
 *
 * <p>It also fails the build when a dependency declares a plugin: {@code bin/imagebake} looks for
 * plugins on the class path only in imagebake's own jar ({@link OwnPlugins#loadRestOfClassPath}).
 */
final class StartupIndexes {
  private StartupIndexes() {}

  /**
   * @param args the class output directory
   */
  public static void main(String[] args) throws IOException {
    Path classes = Path.of(args[0]);
    List<Path> others = OwnPlugins.providersElsewhere();
    if (!others.isEmpty()) {
      throw new IllegalStateException(
          "dependencies declare imagebake plugins, which bin/imagebake would not look for: "
              + others);
    }
    PluginRegistry plugins = PluginRegistry.loadServices();
    plugins.writeIndex(classes.resolve(PluginRegistry.INDEX));
    ConfigAnnotations.writeIndex(plugins, classes.resolve(ConfigAnnotations.INDEX));
  }
}
