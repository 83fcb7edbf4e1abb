package dev.imagebake.cli;

import dev.imagebake.config.PluginEntry;
import dev.imagebake.config.PluginPath;
import dev.imagebake.config.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code imagebake plugins}: every plugin type with its kind and where it came from (built in, or
 * the path of its jar), and the plugin directories searched.
 */
@Command(
    name = "plugins",
    description = {
      "List every plugin type, its kind and where it came from (built in, or its jar).",
      "Plugin jars are read from the directories of IMAGEBAKE_PLUGIN_PATH (colon-separated),",
      "default ~/.imagebake/plugins."
    })
final class PluginsCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  private final Cli cli;

  @Option(
      names = {"--format", "-format"},
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  Format format = Format.text;

  PluginsCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    PluginPath path = PluginPath.from(cli.env());
    List<PluginEntry> plugins = PluginRegistry.load(path).entries();
    if (format == Format.json) {
      printJson(path, plugins);
    } else {
      printText(path, plugins);
    }
    return ExitCodes.OK;
  }

  private void printText(PluginPath path, List<PluginEntry> plugins) {
    int kindWidth = "KIND".length();
    int typeWidth = "TYPE".length();
    for (PluginEntry p : plugins) {
      kindWidth = Math.max(kindWidth, p.kind().noun().length());
      typeWidth = Math.max(typeWidth, p.type().length());
    }
    String row = "%-" + kindWidth + "s  %-" + typeWidth + "s  %s%n";
    cli.out().printf(row, "KIND", "TYPE", "SOURCE");
    for (PluginEntry p : plugins) {
      cli.out().printf(row, p.kind().noun(), p.type(), p.source());
    }
    cli.err()
        .println(
            path.directories().isEmpty()
                ? "Plugin directories: none (" + PluginPath.VARIABLE + " is empty)"
                : "Plugin directories: "
                    + String.join(":", path.directories().stream().map(Path::toString).toList()));
  }

  private void printJson(PluginPath path, List<PluginEntry> plugins) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode directories = root.putArray("plugin_directories");
    path.directories().forEach(d -> directories.add(d.toString()));
    ArrayNode list = root.putArray("plugins");
    for (PluginEntry p : plugins) {
      ObjectNode o = list.addObject();
      o.put("kind", p.kind().noun());
      o.put("type", p.type());
      o.put("built_in", p.source().builtIn());
      if (p.source().builtIn()) {
        o.putNull("jar");
      } else {
        o.put("jar", p.source().path().toString());
      }
      o.put("factory", p.factoryClass());
    }
    cli.out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
