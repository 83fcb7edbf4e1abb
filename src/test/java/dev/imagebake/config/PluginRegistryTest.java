package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.builder.nullhost.NullBuilderConfig;
import dev.imagebake.builder.nullhost.NullBuilderFactory;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {
  private final PluginRegistry registry = PluginRegistry.load();

  @Test
  void findsBuiltInPluginsThroughServiceLoader() {
    assertThat(registry.builder("null")).get().isInstanceOf(NullBuilderFactory.class);
    assertThat(registry.all(PluginKind.BUILDER)).containsKey("null");
    assertThat(registry.provisioner("null")).isEmpty();
  }

  @Test
  void theIndexTheBuildWroteListsThePluginsOfTheServicesFiles() {
    PluginRegistry services = PluginRegistry.loadServices();
    for (PluginKind kind : PluginKind.values()) {
      Map<String, Class<?>> indexed = new TreeMap<>();
      registry.all(kind).forEach((type, factory) -> indexed.put(type, factory.getClass()));
      Map<String, Class<?>> declared = new TreeMap<>();
      services.all(kind).forEach((type, factory) -> declared.put(type, factory.getClass()));
      assertThat(indexed).as(kind.noun()).isNotEmpty().isEqualTo(declared);
    }
  }

  @Test
  void theIndexTheBuildWroteIsUsedAsItMatchesTheServicesFiles() {
    assertThat(OwnPlugins.indexIsCurrent()).isTrue();
  }

  @Test
  void builtInPluginsComeFromImagebakeItself() {
    assertThat(registry.entries())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.source()).isEqualTo(PluginSource.BUILT_IN))
        .anySatisfy(e -> assertThat(e.type()).isEqualTo("shell-local"));
  }

  @Test
  void aFactoryIsCreatedOnceWhenFirstAskedFor() {
    assertThat(registry.builder("null").orElseThrow())
        .isSameAs(registry.builder("null").orElseThrow())
        .isSameAs(registry.all(PluginKind.BUILDER).get("null"));
  }

  @Test
  void factoriesFromTheRegistryBindWithoutCasts() {
    String json = "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}";
    BuilderFactory<?> factory = registry.builder("null").orElseThrow();

    BindResult<?> result =
        new ConfigBinder()
            .bind(
                factory,
                Blocks.at(json, "/builders/0"),
                "/builders/0",
                TestLocations.of(json),
                TestRenderers.identity());

    assertThat(result.config()).isInstanceOf(NullBuilderConfig.class);
  }

  @Test
  void misspeltTypeGetsASuggestion() {
    assertThat(registry.unknownTypeMessage(PluginKind.BUILDER, "nul"))
        .isEqualTo("unknown builder type 'nul'; did you mean 'null'?");
    assertThat(registry.unknownTypeMessage(PluginKind.BUILDER, "amazon-ebz"))
        .isEqualTo("unknown builder type 'amazon-ebz'; did you mean 'amazon-ebs'?");
    assertThat(registry.unknownTypeMessage(PluginKind.POST_PROCESSOR, "manifst"))
        .isEqualTo("unknown post-processor type 'manifst'; did you mean 'manifest'?");
  }

  @Test
  void typeWithNothingCloseIsJustUnknown() {
    assertThat(registry.unknownTypeMessage(PluginKind.PROVISIONER, "frobnicate"))
        .isEqualTo("unknown provisioner type 'frobnicate'");
  }

  @Test
  void packerTypeImagebakeLacksIsNotSupportedYet() {
    assertThat(registry.unknownTypeMessage(PluginKind.BUILDER, "virtualbox-iso"))
        .isEqualTo("builder type 'virtualbox-iso' is not supported by imagebake yet");
  }

  @Test
  void twoPluginsClaimingOneTypeAreRefused() {
    BuilderFactory<NullBuilderConfig> impostor =
        new BuilderFactory<>() {
          @Override
          public String type() {
            return "null";
          }

          @Override
          public Class<NullBuilderConfig> configType() {
            return NullBuilderConfig.class;
          }

          @Override
          public Builder create(NullBuilderConfig config) {
            throw new UnsupportedOperationException();
          }
        };

    assertThatThrownBy(() -> PluginRegistry.of(List.of(new NullBuilderFactory(), impostor)))
        .isInstanceOf(PluginLoadException.class)
        .hasMessageStartingWith(
            "builder type 'null' is provided by both imagebake itself"
                + " (dev.imagebake.builder.nullhost.NullBuilderFactory) and imagebake itself"
                + " (dev.imagebake.config.PluginRegistryTest$1)");
  }
}
