package dev.imagebake.cli;

import dev.imagebake.config.PluginKind;
import dev.imagebake.config.PluginPath;
import dev.imagebake.config.PluginRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run {@code src/build/class-data-archive.sh} records the class-data archive with at
 * {@code mvn package}: the commands users run most, in one JVM, so the archive holds the classes of
 * all of them. Not a command; its output is discarded.
 */
final class ClassDataTraining {
  private ClassDataTraining() {}

  /**
   * @param args {@code TEMPLATE...}: templates to validate and inspect; the last one, which must
   *     build on this machine without side effects (null builder, communicator none), is built; so
   *     is the template named by the system property {@code imagebake.training.build}, if set (a
   *     build over SSH against a throwaway sshd)
   */
  public static void main(String[] args) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    // Without the plugins of the training machine's plugin directories (~/.imagebake/plugins).
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(PluginPath.VARIABLE, "");
    String last = args[args.length - 1];
    List<List<String>> runs = new ArrayList<>();
    runs.add(concat(List.of("validate"), List.of(args)));
    runs.add(concat(List.of("validate", "--format", "json", "-var", "x=y"), List.of(args)));
    runs.add(List.of("inspect", last));
    runs.add(List.of("--help"));
    runs.add(List.of("build", last));
    String sshBuild = System.getProperty("imagebake.training.build");
    if (sshBuild != null) {
      runs.add(List.of("build", sshBuild));
    }
    for (List<String> run : runs) {
      Main.run(run.toArray(String[]::new), discard, discard, env);
    }
    // The factories of all plugins, not only of those the templates above use: validate creates
    // the factories its template names, and they should come from the archive too.
    PluginRegistry registry = PluginRegistry.load();
    for (PluginKind kind : PluginKind.values()) {
      registry.all(kind);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
