package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.OneOf;
import dev.imagebake.sdk.config.RenamedKey;
import dev.imagebake.sdk.config.RenderLater;
import dev.imagebake.sdk.config.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigAnnotationsTest {
  record Inner(@Doc("the host") String sshHost) {}

  @Doc("a sample")
  @RenamedKey(key = "old", use = "new_key")
  @RenamedKey(key = "older", use = "new_key")
  record Sample(
      @Embedded Inner inner,
      @RenderLater List<String> commands,
      @Secret String password,
      @OneOf({"a", "b"}) String mode,
      Map<String, String> tags) {}

  /** The index the build wrote: every plugin's config records, the records they hold included. */
  private static Map<String, ConfigAnnotations> pluginRecords() {
    Map<String, ConfigAnnotations> all = new LinkedHashMap<>();
    PluginRegistry registry = PluginRegistry.load();
    for (PluginKind kind : PluginKind.values()) {
      for (PluginFactory<?> factory : registry.all(kind).values()) {
        ConfigAnnotations.collect(factory.configType(), all);
      }
    }
    return all;
  }

  @Test
  void theIndexHoldsWhatReflectionReadsForEveryPluginRecord() {
    Map<String, ConfigAnnotations> reflected = pluginRecords();
    assertThat(reflected).containsKeys("dev.imagebake.sdk.CommunicatorConfig");
    assertThat(ConfigAnnotations.indexed()).isEqualTo(reflected);
  }

  @Test
  void readsEveryAnnotationTheBinderUses() {
    ConfigAnnotations sample = ConfigAnnotations.of(Sample.class);
    assertThat(sample.doc()).isEqualTo("a sample");
    assertThat(sample.deprecatedKeys())
        .containsExactly(Map.entry("old", "new_key"), Map.entry("older", "new_key"));
    assertThat(sample.components())
        .containsExactly(
            new ConfigAnnotations.ComponentAnnotations(
                "inner", Inner.class.getName(), true, false, false, null, List.of()),
            new ConfigAnnotations.ComponentAnnotations(
                "commands", "java.util.List", false, true, false, null, List.of()),
            new ConfigAnnotations.ComponentAnnotations(
                "password", "java.lang.String", false, false, true, null, List.of()),
            new ConfigAnnotations.ComponentAnnotations(
                "mode", "java.lang.String", false, false, false, null, List.of("a", "b")),
            new ConfigAnnotations.ComponentAnnotations(
                "tags", "java.util.Map", false, false, false, null, List.of()));
    assertThat(ConfigAnnotations.of(Inner.class).components().get(0).doc()).isEqualTo("the host");
  }

  @Test
  void aRecordNotInTheIndexIsReadByReflection() {
    assertThat(ConfigAnnotations.indexed()).doesNotContainKey(Sample.class.getName());
    assertThat(ConfigAnnotations.of(Sample.class))
        .isEqualTo(ConfigAnnotations.reflect(Sample.class));
  }

  @Test
  void anIndexEntryForOtherComponentsIsIgnored() {
    ConfigAnnotations stale =
        new ConfigAnnotations(
            "stale",
            Map.of(),
            List.of(
                new ConfigAnnotations.ComponentAnnotations(
                    "sshHost", "java.lang.Integer", false, false, true, null, List.of())));
    ConfigAnnotations fresh =
        new ConfigAnnotations(
            "fresh",
            Map.of(),
            List.of(
                new ConfigAnnotations.ComponentAnnotations(
                    "sshHost", "java.lang.String", false, false, true, null, List.of())));
    assertThat(ConfigAnnotations.of(Inner.class, stale))
        .isEqualTo(ConfigAnnotations.reflect(Inner.class));
    assertThat(ConfigAnnotations.of(Inner.class, fresh)).isSameAs(fresh);
  }
}
