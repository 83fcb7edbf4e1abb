package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.ValueRenderer;
import dev.imagebake.diag.Diagnostic;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Binds amazon-ebs blocks with the real config binder, as {@code validate} does. */
final class EbsTemplates {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ConfigBinder BINDER = new ConfigBinder();

  /** The seed template of issue 4 (the builder block). */
  static final String SEED =
      """
      {"type":"amazon-ebs","region":"us-east-1","source_ami":"ami-e50e888c",
       "instance_type":"t1.micro","ssh_username":"ubuntu","ami_name":"packer-example {{timestamp}}"}
      """;

  private EbsTemplates() {}

  /** {{timestamp}} becomes a fixed number; everything else is left as written. */
  static final ValueRenderer RENDERER =
      new ValueRenderer() {
        @Override
        public String render(String raw) {
          return raw.replace("{{timestamp}}", "1700000000");
        }

        @Override
        public void checkSyntax(String raw) {}
      };

  static BindResult<EbsConfig> bind(String blockJson) {
    ObjectNode block = (ObjectNode) MAPPER.readTree(blockJson);
    String template = "{\"builders\":[" + blockJson + "]}";
    return BINDER.bind(
        new EbsBuilderFactory(), block, "/builders/0", TestLocations.of(template), RENDERER);
  }

  /** The block with extra keys merged in (a JSON object text). */
  static String with(String blockJson, String extraJson) {
    ObjectNode block = (ObjectNode) MAPPER.readTree(blockJson);
    block.setAll((ObjectNode) MAPPER.readTree(extraJson));
    return block.toString();
  }

  static List<String> messages(BindResult<?> result) {
    return result.diagnostics().stream().map(Diagnostic::message).toList();
  }
}
