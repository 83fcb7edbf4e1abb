package dev.imagebake.buildtools;

import dev.imagebake.config.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Build tooling, not a command: run by the build (pom.xml, exec-maven-plugin at process-classes) on
 * the class path of the packaged jar, it writes the start-up indexes next to the compiled classes
 * ({@link PluginRegistry#writeStartupIndexes}, which owns their format beside their readers). Left
 * out of {@code imagebake.jar} (pom.xml), since nothing runs it from the jar.
 */
final class StartupIndexes {
  private StartupIndexes() {}

  /**
   * @param args the class output directory
   */
  public static void main(String[] args) throws IOException {
    PluginRegistry.writeStartupIndexes(Path.of(args[0]));
  }
}
