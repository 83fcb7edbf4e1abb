package dev.imagebake.builder.openstack;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.ValueRenderer;
import dev.imagebake.diag.Diagnostic;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Binds openstack blocks with the real config binder, as {@code validate} does. */
final class OsTemplates {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ConfigBinder BINDER = new ConfigBinder();

  private OsTemplates() {}

  static final ValueRenderer RENDERER =
      new ValueRenderer() {
        @Override
        public String render(String raw) {
          return raw.replace("{{timestamp}}", "1700000000");
        }

        @Override
        public void checkSyntax(String raw) {}
      };

  static BindResult<OpenstackConfig> bind(String blockJson) {
    ObjectNode block = (ObjectNode) MAPPER.readTree(blockJson);
    String template = "{\"builders\":[" + blockJson + "]}";
    return BINDER.bind(
        new OpenstackBuilderFactory(), block, "/builders/0", TestLocations.of(template), RENDERER);
  }

  static String with(String blockJson, String extraJson) {
    ObjectNode block = (ObjectNode) MAPPER.readTree(blockJson);
    block.setAll((ObjectNode) MAPPER.readTree(extraJson));
    return block.toString();
  }

  static List<String> messages(BindResult<?> result) {
    return result.diagnostics().stream().map(Diagnostic::message).toList();
  }
}
