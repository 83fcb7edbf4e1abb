package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.imagebake.sdk.PluginFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every key of every built-in plugin, given a value of the wrong type: the block is still bound
 * (that key left out) and the plugin's own rules run on it without tripping over the missing value,
 * so {@code validate} reports the rest of the block in the same run. The binder guards against a
 * rule that throws anyway; this checks the rules do not need the guard.
 */
class PartialBindingTest {
  private static final PluginRegistry REGISTRY = PluginRegistry.load();
  private static final Path DIR = Path.of("target").toAbsolutePath();
  private static final BlockRules RULES =
      new BlockRules(DIR, DIR, Map.of(), REGISTRY::communicator);

  /** Real templates' variables are unknown here; "1" is a fine URL part, number and flag. */
  private static final ValueRenderer EVERY_ACTION_IS_ONE =
      new ValueRenderer() {
        @Override
        public String render(String raw) {
          return raw.replaceAll("\\{\\{.*?}}", "1");
        }

        @Override
        public void checkSyntax(String raw) {}
      };

  static Stream<Arguments> everyKeyOfEveryPlugin() {
    List<Arguments> cases = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      for (PluginFactory<?> factory : REGISTRY.all(kind).values()) {
        for (RecordModel.Property p : RecordModel.of(factory.configType()).properties()) {
          String wrong = wrongValue(p.valueType());
          if (wrong != null) {
            cases.add(Arguments.of(kind, factory.type(), p.key(), wrong));
          }
        }
      }
    }
    return cases.stream();
  }

  /** JSON no weak conversion accepts for {@code type}, or null when any JSON is fine. */
  private static String wrongValue(ValueType type) {
    if (type instanceof ValueType.FreeForm f) {
      return f.anyJson() ? null : "[1]";
    }
    return "{\"not_a_key\": [true]}";
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("everyKeyOfEveryPlugin")
  void rulesRunOnTheRestOfTheBlock(PluginKind kind, String type, String key, String wrong) {
    String json = "{\"block\": {\"" + key + "\": " + wrong + "}}";
    PluginFactory<?> factory = REGISTRY.find(kind, type).orElseThrow();

    BindResult<?> result = bind(factory, json, TestRenderers.identity());

    assertThat(result.config()).isNull();
    assertThat(result.diagnostics())
        .filteredOn(d -> d.source().pointer().startsWith("/block/" + key))
        .as("the wrong value is reported")
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.message()).doesNotContain("must be specified"));
    assertThat(result.checked()).as("the rest of the block is bound").isNotNull();
    ObjectNode block = Blocks.at(json, "/block");
    assertThatCode(
            () ->
                check(
                    factory,
                    result.checked(),
                    RULES.checkOf(block, TestRenderers.variables(Map.of()))))
        .as("the rules cope with the key left out")
        .doesNotThrowAnyException();
  }

  static Stream<Path> realTemplates() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/conformance"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  /**
   * Real templates' blocks, each key in turn given a wrong value: rules must cope with any one key
   * of a complete block left out, not only with an otherwise empty block.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("realTemplates")
  void rulesCopeWithAnyOneKeyOfARealBlockLeftOut(Path template) throws IOException {
    JsonNode root = Blocks.MAPPER.readTree(Files.readString(template));
    List<String> failures = new ArrayList<>();
    int tried = 0;
    for (Map.Entry<PluginKind, ObjectNode> block : blocks(root)) {
      PluginFactory<?> factory =
          REGISTRY.find(block.getKey(), block.getValue().path("type").asString("")).orElse(null);
      if (factory == null) {
        continue;
      }
      RecordModel model = RecordModel.of(factory.configType());
      ObjectNode keys = block.getValue().deepCopy();
      keys.retain(model.properties().stream().map(RecordModel.Property::key).toList());
      for (RecordModel.Property p : model.properties()) {
        String wrong = wrongValue(p.valueType());
        if (!keys.has(p.key()) || wrong == null) {
          continue;
        }
        ObjectNode broken = keys.deepCopy();
        broken.set(p.key(), Blocks.MAPPER.readTree(wrong));
        String json = "{\"block\": " + broken + "}";
        tried++;
        try {
          BindResult<?> result = bind(factory, json, EVERY_ACTION_IS_ONE);
          if (result.checked() == null) {
            failures.add(factory.type() + " without " + p.key() + ": not bound");
          } else {
            check(
                factory,
                result.checked(),
                RULES.checkOf(broken, TestRenderers.variables(Map.of())));
          }
        } catch (RuntimeException e) {
          failures.add(factory.type() + " without " + p.key() + ": " + e);
        }
      }
    }
    assertThat(failures).as("after %d blocks with one key wrong", tried).isEmpty();
  }

  private static List<Map.Entry<PluginKind, ObjectNode>> blocks(JsonNode root) {
    List<Map.Entry<PluginKind, ObjectNode>> blocks = new ArrayList<>();
    root.path("builders").forEach(b -> addObject(blocks, PluginKind.BUILDER, b));
    root.path("provisioners").forEach(b -> addObject(blocks, PluginKind.PROVISIONER, b));
    for (JsonNode pp : root.path("post-processors")) {
      if (pp.isArray()) {
        pp.forEach(b -> addObject(blocks, PluginKind.POST_PROCESSOR, b));
      } else {
        addObject(blocks, PluginKind.POST_PROCESSOR, pp);
      }
    }
    return blocks;
  }

  private static void addObject(
      List<Map.Entry<PluginKind, ObjectNode>> blocks, PluginKind kind, JsonNode block) {
    if (block instanceof ObjectNode object) {
      blocks.add(Map.entry(kind, object));
    }
  }

  private static <C extends Record> BindResult<C> bind(
      PluginFactory<C> factory, String json, ValueRenderer renderer) {
    return new ConfigBinder(DIR, DIR)
        .bind(factory, Blocks.at(json, "/block"), "/block", TestLocations.of(json), renderer);
  }

  private static <C extends Record> void check(
      PluginFactory<C> factory, Object config, BlockCheck check) {
    RULES.run(factory, factory.configType().cast(config), check);
  }
}
