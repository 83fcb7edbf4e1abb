package dev.imagebake.cli;

import dev.imagebake.config.PluginKind;
import dev.imagebake.config.PluginRegistry;
import dev.imagebake.config.TemplateSchema;
import dev.imagebake.sdk.PluginFactory;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code imagebake schema}: the JSON Schema of templates (what {@code schema/template.schema.json}
 * holds), or of one plugin's block.
 */
@Command(
    name = "schema",
    description = {
      "Print the JSON Schema (draft 2020-12) of templates, for editors.",
      "With KIND and TYPE (e.g. 'builder null'), print that block's schema only."
    })
final class SchemaCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "KIND",
      description = "builder, provisioner or post-processor")
  String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", description = "e.g. shell")
  String type;

  SchemaCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    PluginRegistry registry = PluginRegistry.load(cli.env());
    if (kind == null) {
      cli.out().print(TemplateSchema.toJson(registry));
      return ExitCodes.OK;
    }
    Optional<PluginKind> pluginKind = kindNamed(kind);
    if (pluginKind.isEmpty() || type == null) {
      cli.err()
          .println(
              "imagebake: schema takes no argument, or a kind (builder, provisioner,"
                  + " post-processor) and a type, e.g. 'schema provisioner shell'");
      return ExitCodes.USAGE;
    }
    Optional<PluginFactory<?>> factory = registry.find(pluginKind.get(), type);
    if (factory.isEmpty()) {
      cli.err().println("imagebake: " + registry.unknownTypeMessage(pluginKind.get(), type));
      return ExitCodes.FAILED;
    }
    cli.out()
        .println(
            TemplateSchema.pretty(TemplateSchema.blockSchema(pluginKind.get(), factory.get())));
    return ExitCodes.OK;
  }

  private static Optional<PluginKind> kindNamed(String name) {
    return PluginKind.named(name);
  }
}
