package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.config.Embedded;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * For every registered plugin, the schema's keys are exactly its record's components, and the
 * schema is a valid draft 2020-12 schema.
 */
class PluginSchemaDriftTest {
  private static final Schema META_SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(SchemaLocation.of(SchemaGenerator.DIALECT));

  static Stream<Arguments> plugins() {
    PluginRegistry registry = PluginRegistry.load();
    List<Arguments> all = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      registry.all(kind).forEach((type, factory) -> all.add(Arguments.of(kind, type, factory)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("plugins")
  void schemaPropertiesAreTheRecordComponents(
      PluginKind kind, String type, PluginFactory<?> factory) {
    JsonNode schema = SchemaGenerator.generate(factory.configType());

    assertThat(schema.get("properties").propertyNames())
        .containsExactlyElementsOf(expectedKeys(factory.configType()));
    assertThat(schema.get("additionalProperties").booleanValue()).isFalse();
    assertThat(META_SCHEMA.validate(schema)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("plugins")
  void blockSchemaAddsOnlyTheCoreKeys(PluginKind kind, String type, PluginFactory<?> factory) {
    JsonNode block = TemplateSchema.blockSchema(kind, factory);

    List<String> keys = new ArrayList<>(block.get("properties").propertyNames());
    keys.removeAll(expectedKeys(factory.configType()));
    assertThat(keys).containsExactlyInAnyOrderElementsOf(kind.coreKeys());
  }

  /** Independent of the generator: every component in snake_case, embedded records flattened. */
  private static List<String> expectedKeys(Class<?> record) {
    List<String> keys = new ArrayList<>();
    for (RecordComponent c : record.getRecordComponents()) {
      if (c.isAnnotationPresent(Embedded.class)) {
        keys.addAll(expectedKeys(c.getType()));
      } else {
        keys.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
      }
    }
    return keys;
  }

  @Test
  void theNullBuilderIsRegistered() {
    assertThat(plugins()).isNotEmpty();
    assertThat(PluginRegistry.load().builder("null")).isPresent();
  }
}
